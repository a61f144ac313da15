// Runs after both inner builds (see invoker.properties; each must fail) and asserts what a
// newcomer sees: Surefire's XML reports, its console totals, and TrainUnit's own report.
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

// Each build failed for these reasons only: Surefire's totals count BrokenModel's checks and the
// invalid declarations, nothing else.
def log = new File(basedir, 'build.log').text
def totals = (log =~ /(?m)^\[\w+\] Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)(, Flakes: \d+)?\s*$/).collect { it }
assert totals.size() == 2: "expected the totals of two builds in build.log, found ${totals.size()}"
totals.each { all, run, failures, errors, skips, flakes ->
    assert (failures as int) + (errors as int) == brokenChecks.size() + invalid.size(): "build.log: $all"
    assert flakes == null: "build.log: $all — a check that passes only on a rerun is not to be trusted"
}
assert (log =~ /BUILD FAILURE/).count == 2

// A @Trainable class in main code is never handed to the engine by Surefire: the engine says so.
assert log.contains('com.acme.ForgottenModel is annotated @Trainable but lives in main code'): "no warning about ForgottenModel in build.log"
return true
