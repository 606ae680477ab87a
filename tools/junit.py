"""tools/junit.py: a test run's results as JUnit XML, the shape CI systems read.

tools/harness.py writes every run's results to build/test-results.xml
with junit_xml(), and its --self-check reads samples' XML back with
check_junit().  A result is anything with name, status ("ok", "FAIL" or
"skip"), reason, diag (a list of lines) and unreached (it never ran).
"""
import re
import xml.etree.ElementTree as ET

# Every run also writes build/test-results.xml, the JUnit shape CI systems
# read: <testsuites> > one <testsuite> per boot (named as in BOOT_PLAN,
# with the boot's console in <system-out>) > one <testcase> per result.
# A failure's <failure message="REASON"> holds the diagnostics and quote
# shown under its FAIL line; a test that never ran fails with
# type="not run"; a skip is <skipped message="REASON"/>.

XML_BAD_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text):
    """@text without what XML 1.0 cannot carry (control bytes; the harness
    has already taken out terminal escape codes)."""
    return XML_BAD_RE.sub("", text.replace("\r", ""))


def junit_names(name):
    """A result name as JUnit's (classname, name): kernel/buddy.split -> kernel.buddy, split."""
    group, _, rest = name.partition("/")
    parent, dot, leaf = rest.partition(".")
    return (group + "." + parent, leaf) if dot else (group, rest)


def junit_suite(parent, name, results, secs=0.0, log_text=None):
    """One <testsuite> of @results under @parent."""
    count = {s: sum(r.status == s for r in results) for s in ("FAIL", "skip")}
    suite = ET.SubElement(parent, "testsuite", name=name, tests=str(len(results)),
                          failures=str(count["FAIL"]), errors="0",
                          skipped=str(count["skip"]), time="%.3f" % secs)
    for result in results:
        classname, case_name = junit_names(result.name)
        case = ET.SubElement(suite, "testcase", classname=classname, name=case_name)
        if result.status == "FAIL":
            failure = ET.SubElement(case, "failure", message=xml_text(result.reason or "failed"),
                                    type="not run" if result.unreached else "failure")
            failure.text = xml_text("\n".join(result.diag))
        elif result.status == "skip":
            ET.SubElement(case, "skipped", message=xml_text(result.reason))
    if log_text is not None:
        ET.SubElement(suite, "system-out").text = xml_text(log_text)
    return suite


def junit_xml(groups):
    """The XML text for @groups: (name, results, seconds, console text or None) each."""
    root = ET.Element("testsuites", name="matryoshka")
    for name, results, secs, log_text in groups:
        junit_suite(root, name, results, secs, log_text)
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(suite.get(key)) for suite in root)))
    root.set("time", "%.3f" % sum(float(suite.get("time")) for suite in root))
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def check_junit(text, groups):
    """What is wrong with JUnit XML @text made from @groups, read back by Python's parser."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        return ["not well-formed XML: %s" % e]
    wrong = [] if root.tag == "testsuites" else ["the root is <%s>" % root.tag]
    suites = root.findall("testsuite")
    if [s.get("name") for s in suites] != [g[0] for g in groups]:
        wrong.append("the testsuites are not one per group")
    for suite, (name, results, _, _) in zip(suites, groups):
        cases = suite.findall("testcase")
        if len(cases) != len(results) or suite.get("tests") != str(len(results)):
            wrong.append("%s: %d testcases for %d results" % (name, len(cases), len(results)))
        for case, result in zip(cases, results):
            failure, skipped = case.find("failure"), case.find("skipped")
            if (failure is not None) != (result.status == "FAIL") or \
                    (skipped is not None) != (result.status == "skip"):
                wrong.append("%s: %s is not marked %s" % (name, result.name, result.status))
            elif failure is not None and not failure.get("message"):
                wrong.append("%s: %s's <failure> has no message" % (name, result.name))
        if len(suite.findall("system-out")) > 1:
            wrong.append("%s: more than one <system-out>" % name)
    return wrong
