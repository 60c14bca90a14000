// Loki's answers as its API documents them (and as qryn writes them), read into streams and
// then into entries: timestamps exact to the nanosecond, labels filling in instance and
// level, tracebacks pushed line by line joined as in a file, and each entry let through once.

#include "models/sources/loki/lokideduplicator.h"
#include "models/sources/loki/lokiresponse.h"
#include "models/sources/loki/lokistreamtable.h"
#include "models/sources/loki/lokitarget.h"

#include "models/store/entryflags.h"

#include <QFile>
#include <QTest>

using namespace vigil;

namespace {

std::string readData(const char* name) {
    QFile f(QStringLiteral(VIGIL_TEST_DATA "/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly)) qFatal("missing %s", name);
    return f.readAll().toStdString();
}

struct Collected {
    std::vector<EntryBatch> batches;
    std::map<std::uint32_t, std::shared_ptr<const ByteSource>> bytes;
    EntryProducer::Sink sink() {
        EntryProducer::Sink s;
        s.batch = [this](EntryBatch&& b) { batches.push_back(std::move(b)); };
        s.sourceAdded = [this](FileId id, std::shared_ptr<const ByteSource> b) { bytes[id.value] = b; };
        return s;
    }
    std::string text(const EntryBatch& b, std::size_t i) {
        std::string out;
        bytes[b.file.value]->read(b.offset[i], b.length[i], out);
        return out;
    }
};

std::vector<const LokiEntry*> all(const LokiStream& s) {
    std::vector<const LokiEntry*> out;
    for (const LokiEntry& e : s.entries)
        out.push_back(&e);
    return out;
}

} // namespace

class TestLokiResponse : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void readsLokiQueryRange() {
        const LokiResponse r = parseLokiResponse(readData("query_range_loki.json"));
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.streams.size(), std::size_t(3));
        QCOMPARE(r.entries, std::uint64_t(5));
        const LokiStream& s = r.streams[0];
        QCOMPARE(s.key,
                 std::string(
                     "{filename=\"/var/log/api/app.log\", job=\"api\", level=\"warn\", pod=\"api-7f9c\"}"));
        QCOMPARE(s.entries[0].ns, std::int64_t(1700000000123456789LL));
        QCOMPARE(s.entries[2].ns, std::int64_t(1700000000223456790LL)); // one nanosecond after the line above
        QCOMPARE(s.label("pod"), std::string_view("api-7f9c"));
        // A third element (structured metadata) is left aside, the entry kept.
        QCOMPARE(r.streams[1].entries.size(), std::size_t(1));
    }

    void readsQrynNumbersExactly() {
        const LokiResponse r = parseLokiResponse(readData("query_range_qryn.json"));
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.streams[0].entries[0].ns, std::int64_t(1795986312176261400LL));
        // A double would make these two equal.
        QCOMPARE(r.streams[0].entries[1].ns, std::int64_t(1795986312176261401LL));
    }

    void readsTailMessages() {
        const LokiResponse r = parseLokiResponse(readData("tail_loki.json"));
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.entries, std::uint64_t(1));
        QCOMPARE(r.dropped, std::uint64_t(1));
    }

    void refusesWhatIsNotStreams() {
        QVERIFY(
            parseLokiResponse(readData("query_range_matrix.json")).error.contains(QLatin1String("matrix")));
        QVERIFY(parseLokiResponse(readData("query_range_error.json"))
                    .error.contains(QLatin1String("syntax error")));
        QVERIFY(!parseLokiResponse("<html>502 Bad Gateway</html>").error.isEmpty());
        std::int64_t ns = 0;
        QVERIFY(parseLokiTimestamp("1.7e18", &ns));
        QCOMPARE(ns, std::int64_t(1700000000000000000LL));
        QVERIFY(!parseLokiTimestamp("soon", &ns));
    }

    void entriesTakeLabelsWhereLinesSayNothing() {
        const LokiResponse r = parseLokiResponse(readData("query_range_loki.json"));
        SourceTable sources;
        LokiTarget target;
        QVERIFY(LokiTarget::parse(QStringLiteral("loki://127.0.0.1:3100"), &target, nullptr));
        LokiStreamTable table(sources, target);
        Collected got;
        const EntryProducer::Sink sink = got.sink();
        for (const LokiStream& s : r.streams)
            table.add(s, all(s), sink, 0);
        table.commitOpen(sink);
        std::vector<std::tuple<std::string, Level, std::int64_t, std::uint8_t>>
            entries; // text, level, time, flags
        for (const EntryBatch& b : got.batches)
            for (std::size_t i = 0; i < b.size(); ++i)
                entries.emplace_back(got.text(b, i), Level(b.level[i]), b.timeUs[i], b.flags[i]);
        std::sort(entries.begin(), entries.end());
        QCOMPARE(entries.size(), std::size_t(3));
        // The traceback's two lines, pushed as two Loki entries, belong to the error above.
        QVERIFY(std::get<0>(entries[0]).find("Traceback") != std::string::npos);
        QVERIFY(std::get<3>(entries[0]) & FlagMultiLine);
        QCOMPARE(std::get<1>(entries[0]), Level::Error); // the line's own level wins over the label
        // No level and no time of its own: the stream's level label and Loki's time.
        QVERIFY(std::get<0>(entries[1]).find("plain text") == 0);
        QCOMPARE(std::get<1>(entries[1]), Level::Warning);
        QCOMPARE(std::get<2>(entries[1]), std::int64_t(1700000000323456LL));
        QVERIFY(!(std::get<3>(entries[1]) & FlagInheritedTime));
        QCOMPARE(std::get<1>(entries[2]), Level::Info); // the JSON line's
        // Instances: the first of instance, service_instance_id, pod, host present.
        QCOMPARE(sources[FileId(0)].defaultInstance, std::string("api-7f9c"));
        QCOMPARE(sources[FileId(1)].defaultInstance, std::string("api-2"));
        QCOMPARE(sources[FileId(2)].defaultInstance, std::string("web-9"));
        QCOMPARE(sources[FileId(0)].root, QStringLiteral("loki://127.0.0.1:3100"));
    }

    void instanceLabelChosen() {
        LokiStream s;
        s.labels = {{"host", "web-1"}, {"job", "api"}, {"pod", "api-1"}};
        QCOMPARE(LokiStreamTable::instanceOf(s, QString()), std::string("api-1"));
        QCOMPARE(LokiStreamTable::instanceOf(s, QStringLiteral("host")), std::string("web-1"));
        QCOMPARE(LokiStreamTable::instanceOf(s, QStringLiteral("absent")), std::string("api-1"));
        s.labels = {{"job", "api"}};
        QCOMPARE(LokiStreamTable::instanceOf(s, QString()), std::string("api"));
    }

    void deduplicatesOverlapsAndReplays() {
        LokiDeduplicator d(10'000);
        QVERIFY(d.accept("{a}", 100'000, "x"));
        QVERIFY(!d.accept("{a}", 100'000, "x"));  // a page boundary read twice
        QVERIFY(d.accept("{b}", 100'000, "x"));   // same time and text, another stream
        QVERIFY(d.accept("{a}", 100'000, "y"));   // same time, another line
        QVERIFY(d.accept("{a}", 95'000, "late")); // a little late: still taken
        QVERIFY(d.accept("{a}", 200'000, "z"));
        QVERIFY(!d.accept("{a}", 100'000, "replayed")); // a replay from long before
        QCOMPARE(d.remembered(), std::size_t(1));       // only the window is remembered
    }

    void targetsFromRoots() {
        LokiTarget t;
        QString error;
        QVERIFY(LokiTarget::parse(
            QStringLiteral("lokis://logs.example:8443/loki-prefix/"
                           "?selector=%7Bjob%3D%22api%22%7D&org_id=acme&instance_label=pod"),
            &t, &error));
        QCOMPARE(t.base.toString(), QStringLiteral("https://logs.example:8443/loki-prefix"));
        QCOMPARE(t.selector, QStringLiteral("{job=\"api\"}"));
        QCOMPARE(t.orgId, QStringLiteral("acme"));
        QCOMPARE(t.instanceLabel, QStringLiteral("pod"));
        LokiTarget back;
        QVERIFY(LokiTarget::parse(t.root(), &back, nullptr));
        QCOMPARE(back.selector, t.selector);
        QCOMPARE(back.base, t.base);
        QVERIFY(!LokiTarget::parse(QStringLiteral("loki://user:secret@host:3100"), &t, &error));
        QVERIFY(!error.contains(QLatin1String("secret")));
        QVERIFY(!LokiTarget::parse(QStringLiteral("/var/log"), &t, &error));
        QVERIFY(LokiTarget::parse(QStringLiteral("loki://h:1/?selector={job=\"api\", pod=~\"a.+\"}"), &t,
                                  &error));
        QCOMPARE(t.selector, QStringLiteral("{job=\"api\", pod=~\"a.+\"}"));
        QVERIFY(LokiTarget::parse(QStringLiteral("loki://host"), &t, nullptr));
        QCOMPARE(t.base.port(), 3100);
        t.credentials.user = QStringLiteral("ops");
        t.credentials.password = QStringLiteral("pw");
        QCOMPARE(t.authorization(), QByteArray("Basic b3BzOnB3"));
        QVERIFY(!t.root().contains(QLatin1String("pw")));
    }
};

QTEST_GUILESS_MAIN(TestLokiResponse)
#include "tst_lokiresponse.moc"
