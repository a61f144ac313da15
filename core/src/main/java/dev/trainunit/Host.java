package dev.trainunit;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The process and machine this JVM is, as Tune reports them in every result ({@code pid}, {@code
 * hostname}, {@code node_ip}).
 */
final class Host {

  static final long PROCESS_ID = ProcessHandle.current().pid();
  static final String HOST_NAME;
  static final String NODE_IP_ADDRESS;

  static {
    String host;
    String ip;
    try {
      InetAddress local = InetAddress.getLocalHost();
      host = local.getHostName();
      ip = local.getHostAddress();
    } catch (UnknownHostException e) {
      // A host without a resolvable name still trains; Tune reports what it can in the same case.
      host = "localhost";
      ip = "127.0.0.1";
    }
    HOST_NAME = host;
    NODE_IP_ADDRESS = ip;
  }

  private Host() {}
}
