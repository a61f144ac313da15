package dev.trainunit.s3;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.crt.S3CrtRetryConfiguration;
import software.amazon.nio.spi.s3.S3FileSystem;

/**
 * A real S3 server on a free localhost port: S3Proxy in this JVM, over jclouds' in-memory
 * ("transient") blob store, with AWS signature authentication on. The store outlives a {@link
 * #stop()}: {@link #start()} serves the same buckets again on the same port, as a storage service
 * back from an outage.
 */
final class S3Server implements AutoCloseable {

  static final String ACCESS_KEY = "trainunit-access";
  static final String SECRET_KEY = "trainunit-secret";

  /**
   * What the AWS NIO provider needs, as system properties, to talk to an S3-compatible server over
   * plain HTTP: http instead of https, path-style requests ({@code
   * http://127.0.0.1:port/bucket/key}: no DNS name per bucket), a region for request signing, and
   * checksums only where S3 requires them (the SDK's default since 2.30 adds CRC headers and
   * chunked uploads with trailing checksums, which S3Proxy 2.6 refuses).
   */
  static final Map<String, String> CLIENT_PROPERTIES = clientProperties();

  private static Map<String, String> clientProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("s3.spi.endpoint-protocol", "http");
    p.put("s3.spi.force-path-style", "true");
    p.put("aws.region", "us-east-1");
    p.put("aws.requestChecksumCalculation", "WHEN_REQUIRED");
    p.put("aws.responseChecksumValidation", "WHEN_REQUIRED");
    return Map.copyOf(p);
  }

  private final BlobStoreContext context;
  private S3Proxy proxy;
  private int port;

  S3Server() {
    context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    CLIENT_PROPERTIES.forEach(System::setProperty);
  }

  /** Starts serving: on a free port the first time, on the same port after {@link #stop()}. */
  S3Server start() throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            // DeleteObjects must carry a checksum, and the SDK sends x-amz-checksum-crc32, which
            // S3Proxy 2.6 does not know (it answers 501 Not Implemented) but need not check.
            .ignoreUnknownHeaders(true)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!proxy.getState().equals("STARTED")) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("S3Proxy did not start");
      Thread.sleep(5);
    }
    port = proxy.getPort();
    return this;
  }

  /** Stops serving (connections are refused); the buckets and objects are kept. */
  void stop() throws Exception {
    if (proxy != null) proxy.stop();
    proxy = null;
  }

  int port() {
    return port;
  }

  BlobStore blobStore() {
    return context.getBlobStore();
  }

  void createBucket(String bucket) {
    blobStore().createContainerInLocation(null, bucket);
  }

  /**
   * {@code s3x://key:secret@127.0.0.1:port/bucket/key}: the AWS provider's form for an
   * S3-compatible endpoint, with the credentials in the URI.
   */
  URI uri(String bucket, String key) {
    return URI.create(
        "s3x://" + ACCESS_KEY + ":" + SECRET_KEY + "@127.0.0.1:" + port + "/" + bucket + "/" + key);
  }

  Path path(String bucket, String key) {
    return Paths.get(uri(bucket, key));
  }

  /** The keys stored under {@code prefix} in {@code bucket}, read from the store itself. */
  List<String> keys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    ListContainerOptions options = ListContainerOptions.Builder.prefix(prefix).recursive();
    String marker = null;
    do {
      ListContainerOptions page = marker == null ? options : options.afterMarker(marker);
      var listing = blobStore().list(bucket, page);
      for (StorageMetadata m : listing) keys.add(m.getName());
      marker = listing.getNextMarker();
    } while (marker != null);
    keys.sort(null);
    return keys;
  }

  /**
   * Gives the S3 client of {@code remote}'s file system no retries, before its first request: with
   * the CRT client's defaults a request to a server that refuses connections takes 5 to 15 s to
   * fail, which a test of an outage would wait for at every request. Users keep the retries.
   */
  static Path withoutRetries(Path remote) {
    S3FileSystem fs = (S3FileSystem) remote.getFileSystem();
    fs.clientProvider()
        .asyncClientBuilder(
            S3AsyncClient.crtBuilder()
                .crossRegionAccessEnabled(true)
                .retryConfiguration(S3CrtRetryConfiguration.builder().numRetries(0).build()));
    return remote;
  }

  @Override
  public void close() throws Exception {
    stop();
    context.close();
  }
}
