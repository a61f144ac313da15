// Runs after the inner builds (see invoker.properties) and asserts what a newcomer sees: Surefire's
// XML reports, its console totals, and TrainUnit's own report.
// `basedir` is this project's copy under engine/target/it/. A failed assert fails the outer build.

// The whole check catalogue; every valid trainable's report must hold each of them.
def coreChecks = ['lifecycle', 'determinism', 'save-restore', 'checkpoint-roundtrip', 'relocation', 'checkpoint-compat',
                  'reset-config', 'pbt-exploit', 'train-buffered', 'cleanup', 'export-model', 'fresh-jvm-restore',
                  'lifecycle-fuzz']
// Skipped with a reason in this project: the models declare no export formats, no golden
// checkpoints, and one config each (pbt-exploit needs a second).
def skippedHere = ['export-model', 'checkpoint-compat', 'pbt-exploit']
// BrokenModel forgets its momentum: the checks that restore one of its checkpoints fail, no other.
def brokenChecks = ['save-restore', 'fresh-jvm-restore', 'lifecycle-fuzz']
// Invalid declarations: each must be one failing test case named after its class, with the reason.
def invalid = [MalformedConfigTest: 'malformed config JSON', UnknownSkipTest: "skip names unknown check 'save-restroe'",
               NoConstructorModelTest: 'has no no-argument constructor']

def failed = { tc -> !tc.failure.isEmpty() || !tc.error.isEmpty() }
// A check that failed once and passed on Surefire's rerun: on a correct model that is a false failure.
def flaky = { tc -> !tc.flakyFailure.isEmpty() || !tc.flakyError.isEmpty() }
def problem = { tc -> (tc.failure.isEmpty() ? tc.error : tc.failure).@message.text() }
def testCases = { String testClass, String suffix ->
    def file = new File(basedir, "target/surefire-reports/TEST-com.acme.${testClass}${suffix}.xml")
    assert file.isFile(): "no Surefire report $file: did Surefire select and run $testClass?"
    def cases = new groovy.xml.XmlSlurper().parse(file).testcase
    cases.each { tc -> assert tc.@classname.text() == "com.acme.$testClass": "${tc.@name} has classname ${tc.@classname}" }
    // A rerun test case appears once, with its reruns inside it: key by name.
    cases.collectEntries { [(it.@name.text()): it] }
}

def verifyBuild = { String build, String suffix, String trainunitDir ->
    def correct = testCases('CorrectModelTest', suffix)
    assert correct.keySet().containsAll(coreChecks): "$build: CorrectModelTest ran ${correct.keySet()}"
    correct.each { name, tc ->
        assert !failed(tc): "$build: CorrectModelTest#$name should pass but failed: ${problem(tc)}"
        assert !flaky(tc): "$build: CorrectModelTest#$name failed once before it passed: ${tc.flakyFailure.@message}${tc.flakyError.@message}"
        assert name in skippedHere || tc.skipped.isEmpty(): "$build: CorrectModelTest#$name was skipped: ${tc.skipped.@message}"
    }

    def broken = testCases('BrokenModelTest', suffix)
    assert broken.keySet().containsAll(coreChecks): "$build: BrokenModelTest ran ${broken.keySet()}"
    assert problem(broken['save-restore']).contains('diverged'): "$build: save-restore failed for another reason: ${problem(broken['save-restore'])}"
    broken.each { name, tc ->
        if (name in brokenChecks) assert failed(tc): "$build: BrokenModelTest#$name should fail (momentum is missing from the checkpoint) but passed"
        else assert !failed(tc) && !flaky(tc): "$build: BrokenModelTest#$name should pass (only the checkpoint is wrong) but failed: ${problem(tc)}${tc.flakyFailure.@message}"
    }

    invalid.each { testClass, reason ->
        def cases = testCases(testClass, suffix)
        assert cases.keySet() == [testClass] as Set: "$build: $testClass is reported as ${cases.keySet()}, not as one test named after the class"
        def tc = cases[testClass]
        assert failed(tc) && problem(tc).contains(reason) && problem(tc).contains("com.acme.$testClass"): "$build: $testClass: ${problem(tc)}"
    }
    // TrainUnit's own report covers the whole build: both classes, from whichever fork ran them, and
    // every check of BrokenModelTest although the rerun selected only its failed ones.
    def summaryFile = new File(basedir, "$trainunitDir/report/trainunit-summary.json")
    assert summaryFile.isFile(): "$build: no $summaryFile"
    def summary = new groovy.json.JsonSlurper().parse(summaryFile)
    def sections = summary.trainables.collectEntries { [(it.testClass): it] }
    assert sections.keySet().containsAll(['com.acme.CorrectModelTest', 'com.acme.BrokenModelTest']): "$build: the report lists ${sections.keySet()}"
    assert sections['com.acme.BrokenModelTest'].checks*.id as Set == coreChecks as Set: "$build: BrokenModelTest's report has ${sections['com.acme.BrokenModelTest'].checks*.id}"
    assert sections['com.acme.BrokenModelTest'].checks.findAll { it.status == 'failed' }*.id as Set == brokenChecks as Set: "$build: ${sections['com.acme.BrokenModelTest'].checks}"
    assert sections['com.acme.CorrectModelTest'].failed == 0: "$build: ${sections['com.acme.CorrectModelTest'].checks}"
    assert summary.totals.failed == brokenChecks.size(): "$build: the report's totals are ${summary.totals}"
    assert new File(basedir, "$trainunitDir/report/index.html").text.contains('BrokenModelTest')

    println "newcomer-project ($build): CorrectModelTest passed; BrokenModelTest failed $brokenChecks; ${invalid.keySet()} failed as invalid declarations"
}

verifyBuild('plain mvn test', '', 'target/trainunit')
verifyBuild('forks and reruns', '-forked', 'target/trainunit-forked')

// Every test case of one build, as "Class#name", from each TEST-com.acme.<Class><suffix>.xml.
def allCases = { String suffix ->
    def pattern = ~("TEST-com\\.acme\\.(\\w+)" + java.util.regex.Pattern.quote(suffix) + "\\.xml")
    def out = [:]
    new File(basedir, 'target/surefire-reports').eachFile { f ->
        def m = f.name =~ pattern
        if (m.matches()) {
            new groovy.xml.XmlSlurper().parse(f).testcase.each { tc -> out["${m.group(1)}#${tc.@name}".toString()] = tc }
        }
    }
    out
}
def checkOf = { String testCase -> testCase.substring(testCase.indexOf('#') + 1) }
def plain = allCases('')
assert !plain.keySet().any { it.startsWith('TwoConfigsCheck#') }: 'a *Check class ran without -Dtest; Surefire should leave it out'

// The two shards: together every test case of the plain build except the checks tagged slow, each in
// one shard only; each shard's report and console lines say which shard it was.
def slow = ['cleanup', 'fresh-jvm-restore', 'lifecycle-fuzz']
assert plain.keySet().count { checkOf(it) in slow } == 2 * slow.size(): "the plain build ran ${plain.keySet()}"
def shards = [allCases('-shard0'), allCases('-shard1')]
shards.eachWithIndex { cases, i -> assert !cases.isEmpty(): "shard $i of 2 ran nothing" }
def ranInShards = shards.collectMany { it.keySet() as List }
assert !ranInShards.any { checkOf(it) in slow }: "excludedGroups=slow left in ${ranInShards.findAll { checkOf(it) in slow }}"
assert ranInShards.size() == (ranInShards as Set).size(): "run in both shards: ${ranInShards.countBy { it }.findAll { it.value > 1 }.keySet()}"
assert (ranInShards as Set) == (plain.keySet().findAll { !(checkOf(it) in slow) } as Set): "the shards ran ${ranInShards.sort()}"
shards.eachWithIndex { cases, i ->
    def label = "shard ${i + 1} of 2"
    def trainables = cases.keySet().collect { it.substring(0, it.indexOf('#')) }.findAll { it in ['CorrectModelTest', 'BrokenModelTest'] } as Set
    if (!trainables.isEmpty()) {
        def dir = "target/trainunit-shard$i/report"
        def summary = new groovy.json.JsonSlurper().parse(new File(basedir, "$dir/trainunit-summary.json"))
        assert summary.shards*.label == [label]: "$label: the summary says ${summary.shards}"
        assert summary.trainables.collect { it.testClass - 'com.acme.' } as Set == trainables
        assert summary.trainables.every { it.shard.label == label }: "$label: ${summary.trainables*.shard}"
        assert new File(basedir, "$dir/index.html").text.contains(label)
    }
}
assert new File(basedir, 'target/shard-status').isFile(): "Bazel's TEST_SHARD_STATUS_FILE was not touched"

// -Dtest selects checks like methods: exactly the selected ones ran and passed; a class with two
// configs has one test case per config in one report, each saying which config it is.
def selected = allCases('-selected')
assert selected.keySet() == ['CorrectModelTest#save-restore', 'CorrectModelTest#lifecycle',
                             'TwoConfigsCheck#lifecycle(lr=0.05)[1]', 'TwoConfigsCheck#lifecycle(lr=0.01)[2]'] as Set: "-Dtest ran ${selected.keySet()}"
selected.each { name, tc -> assert !failed(tc) && tc.skipped.isEmpty(): "$name: ${problem(tc)}" }

// Each build failed for these reasons only: Surefire's totals count BrokenModel's checks and the
// invalid declarations, nothing else; the shards together count those not tagged slow; the
// selection nothing.
def log = new File(basedir, 'build.log').text
def totals = (log =~ /(?m)^\[\w+\] Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)(, Flakes: \d+)?\s*$/).collect { it }
assert totals.size() == 5: "expected the totals of five builds in build.log, found ${totals.size()}"
def problems = totals.collect { all, run, failures, errors, skips, flakes ->
    assert flakes == null: "build.log: $all — a check that passes only on a rerun is not to be trusted"
    (failures as int) + (errors as int)
}
assert problems[0] == brokenChecks.size() + invalid.size(): "build.log: ${totals[0][0]}"
assert problems[1] == brokenChecks.size() + invalid.size(): "build.log: ${totals[1][0]}"
assert problems[2] + problems[3] == (brokenChecks - slow).size() + invalid.size(): "build.log: ${totals[2][0]}, ${totals[3][0]}"
assert problems[4] == 0: "build.log: ${totals[4][0]}"
assert (log =~ /BUILD FAILURE/).count == 2
['shard 1 of 2', 'shard 2 of 2'].each { label ->
    assert log =~ /(?m)^TrainUnit: \w+: .*; ${label}; report: /: "no console line of $label in build.log"
}
println "newcomer-project (shards, excludedGroups=slow, -Dtest): ${shards*.size()} test cases in the two shards; -Dtest ran ${selected.keySet()}"

// A @Trainable class in main code is never handed to the engine by Surefire: the engine says so.
assert log.contains('com.acme.ForgottenModel is annotated @Trainable but lives in main code'): "no warning about ForgottenModel in build.log"
// The README's setup is this project's: the pom between its README markers is the README's one
// ```xml block that imports trainunit-bom, line for line (the pom indents it by two spaces). The
// version may differ only while this build's is a snapshot; a release's README names it.
def pomText = new File(basedir, 'pom.xml').text
def setup = pomText.find(/(?s)<!-- README setup begins -->\n(.*?)\n *<!-- README setup ends -->/) { all, body -> body }
assert setup: "pom.xml has no README setup markers"
def readmeFile = new File(readme)
def blocks = (readmeFile.text =~ /(?ms)^```xml\n(.*?)^```/).collect { it[1] }.findAll { it.contains('<artifactId>trainunit-bom</artifactId>') }
assert blocks.size() == 1: "$readmeFile should have one xml snippet that imports trainunit-bom, has ${blocks.size()}"
def versionOf = { String text -> text.find(/<trainunit.version>([^<]+)<\/trainunit.version>/) { all, v -> v } }
def builtVersion = versionOf(setup)
def readmeVersion = versionOf(blocks[0])
assert builtVersion && readmeVersion: "the setup names no <trainunit.version>"
def normalised = { String text -> text.replace("<trainunit.version>${versionOf(text)}<", '<trainunit.version>V<').readLines() }
def pomLines = normalised(setup).collect { it.startsWith('  ') ? it.substring(2) : it }
def readmeLines = normalised(blocks[0].stripTrailing())
if (pomLines != readmeLines) {
    def i = (0..<Math.min(pomLines.size(), readmeLines.size())).find { pomLines[it] != readmeLines[it] } ?: Math.min(pomLines.size(), readmeLines.size())
    assert false: "the README's setup and this pom differ at line ${i + 1} of the snippet:\n  README: ${i < readmeLines.size() ? readmeLines[i] : '(ends)'}\n  pom:    ${i < pomLines.size() ? pomLines[i] : '(ends)'}"
}
assert builtVersion.endsWith('-SNAPSHOT') || readmeVersion == builtVersion: "the README's setup uses TrainUnit $readmeVersion, this release is $builtVersion"

// Every TrainUnit artifact the inner builds used, the BOM included, is one this build installed
// into the it-repo, never a copy read from ~/.m2 (the settings' local.central).
def itRepo = new File(localRepositoryPath, 'dev/trainunit')
['trainunit-bom', 'trainunit-core', 'trainunit-engine', 'trainunit-annotations'].each { artifact ->
    assert new File(itRepo, "$artifact/$builtVersion").isDirectory(): "$artifact $builtVersion is not in $itRepo"
}
itRepo.eachFileRecurse { f ->
    if (f.name == '_remote.repositories') assert !f.text.contains('local.central'): "$f: read from ~/.m2, not built here"
}
println "newcomer-project: its pom is the README's setup, TrainUnit $builtVersion through trainunit-bom"
return true
