// A format defined here, in the test, registered at run time: `vigil scan`'s engine reads
// a file of it, field filters and the detail pane's reader see its fields, and nothing
// outside this file knows it exists.

#include "ingesttesthelpers.h"

#include "models/parse/formatregistry.h"
#include "models/parse/linecontext.h"
#include "models/parse/lineparser.h"
#include "models/parse/timestamp.h"
#include "models/query/entryfields.h"
#include "models/report/scanreport.h"

#include <QJsonObject>
#include <QtTest>

using namespace vigil;

namespace {
// A bar-separated format some appliances write, one entry per line unless a line is
// indented: "E|2025-11-10T10:20:00Z|edge-1|disk full". Lines below an entry that start no
// entry belong to it (like Python tracebacks).
std::string_view part(std::string_view& rest) {
    const std::size_t bar = rest.find('|');
    const std::string_view head = rest.substr(0, bar);
    rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    return head;
}

bool parseBarLine(LineContext& line, ParsedLine& out) {
    std::string_view rest = line.line();
    const std::string_view level = part(rest);
    if (level.size() != 1 || rest.empty()) return false;
    static constexpr std::string_view kLevels = "DIWEC";
    const std::size_t at = kLevels.find(level[0]);
    if (at == std::string_view::npos) return false;
    const std::int64_t time = parseTimestampValue(part(rest));
    if (time == kNoTime) return false; // refused: `out` untouched, as the registry asks
    out.timeUs = time;
    out.level = Level(int(Level::Debug) + int(at));
    out.instance = part(rest);
    out.message = rest;
    return true;
}

void barFields(std::string_view line, const ParsedLine& parsed, FieldList& out) {
    out.emplace_back("severity", std::string(line.substr(0, 1)));
    out.emplace_back("node", std::string(parsed.instance));
    out.emplace_back("text", std::string(parsed.message));
}

std::string barText(std::string_view text) {
    return "bar-separated: " + std::string(text);
}

FormatDescriptor barFormat() {
    FormatDescriptor format;
    format.name = "bar-separated";
    format.parse = parseBarLine;
    format.fields = barFields;
    format.prettyText = barText;
    return format;
}
} // namespace

class TestFormatRegistry : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void registeredFormatIsReadByTheScanEngine() {
        const std::size_t before = formatRegistry().size();
        const auto id = formatRegistry().add(barFormat());
        QVERIFY(id);
        QCOMPARE(std::size_t(*id), before);
        QCOMPARE(formatName(*id), std::string_view("bar-separated"));
        QVERIFY(!formatRegistry().add(barFormat())); // one name, one format
        QCOMPARE(formatRegistry().find("bar-separated"), id);

        QTemporaryDir dir;
        testing::writeFile(dir.filePath(QStringLiteral("edge/logs/appliance.log")),
                           "W|2025-11-10T10:20:00Z|edge-1|fan speed low\n"
                           "E|2025-11-10T10:20:01Z|edge-1|disk full\n"
                           "  /dev/sda1 100%\n"
                           "I|2025-11-10T10:20:02Z|edge-2|disk cleaned\n"
                           "C|2025-11-10T10:20:03Z|edge-2|power lost\n");
        EntryStore store;
        const ScanOutcome outcome = scanInto(store, {dir.path()});
        const QJsonObject report = scanReportJson(store, {outcome.files, outcome.errors, outcome.seconds});
        const QJsonObject file = report.value(QStringLiteral("files"))
                                     .toObject()
                                     .value(QStringLiteral("edge/logs/appliance.log"))
                                     .toObject();
        QCOMPARE(file.value(QStringLiteral("format")).toString(), QStringLiteral("bar-separated"));
        QCOMPARE(report.value(QStringLiteral("entries")).toInt(), 4);
        QCOMPARE(report.value(QStringLiteral("unparsed")).toInt(), 0);
        const QJsonObject levels = report.value(QStringLiteral("levels")).toObject();
        QCOMPARE(levels, (QJsonObject{{QStringLiteral("WARNING"), 1},
                                      {QStringLiteral("ERROR"), 1},
                                      {QStringLiteral("INFO"), 1},
                                      {QStringLiteral("CRITICAL"), 1}}));
        const QJsonObject instances = report.value(QStringLiteral("instances")).toObject();
        QCOMPARE(instances.value(QStringLiteral("edge-1")).toInt(), 2);
        QCOMPARE(instances.value(QStringLiteral("edge-2")).toInt(), 2);

        // The indented line joined the entry above: not one entry per line.
        const EntryIndex second(store.beginIndex().value + 1);
        QCOMPARE(store.format(second), *id);
        QCOMPARE(testing::entryText(store, second),
                 QStringLiteral("E|2025-11-10T10:20:01Z|edge-1|disk full\n  /dev/sda1 100%"));

        // What the detail pane and field filters read comes from the descriptor.
        EntryReader reader;
        const FieldList fields = reader.fields(testing::entryText(store, second).toStdString());
        QCOMPARE(fields, (FieldList{{"severity", "E"}, {"node", "edge-1"}, {"text", "disk full"}}));
        QCOMPARE(EntryReader::formatName(*id), std::string_view("bar-separated"));
        QCOMPARE(EntryReader::shownText(*id, "x"), std::string("bar-separated: x"));
    }
};

QTEST_GUILESS_MAIN(TestFormatRegistry)
#include "tst_formatregistry.moc"
