// The JSON fast path (FlatJsonReader) reads every line it accepts exactly as simdjson's
// reader does, and JsonLineReader, which tries it first, reads every line as simdjson alone
// would: real lines of the samples and of the corpus generator, then adversarial variants
// of them (escapes, \u sequences, nesting, arrays, numbers in every form, whitespace,
// truncation, duplicate keys, levels that are not strings, NUL bytes, invalid UTF-8).
#include "flatjsonlines.h"
#include "models/parse/flatjson.h"
#include "models/parse/flatjsonreader.h"
#include "models/parse/jsonlinekernel.h"
#include "models/parse/jsonlinereader.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <random>

using namespace vigil;
using namespace vigil::flatjsontest;

namespace {

// Every field a reader fills, as text (the duration by its bits), so readers compare exactly.
QByteArray describe(bool ok, JsonKeys keys, const ParsedLine& p) {
    if (!ok) return "rejected";
    std::uint32_t duration = 0;
    std::memcpy(&duration, &p.durationSeconds, sizeof duration);
    auto s = [](std::string_view v) { return QByteArray(v.data(), qsizetype(v.size())).toPercentEncoding(); };
    return "f=" + QByteArray::number(int(p.format)) + " t=" + QByteArray::number(qlonglong(p.timeUs)) +
           " l=" + QByteArray::number(int(p.level)) + " i=" + s(p.instance) + " g=" + s(p.logger) +
           " m=" + s(p.method) + " p=" + s(p.path) + " s=" + QByteArray::number(p.status) +
           " d=" + QByteArray::number(duration, 16) + " tools=" + QByteArray::number(p.toolsEnabled) +
           " c=" + s(p.correlationId) + " msg=" + s(p.message) + " loc=" + s(p.location) +
           " keys=" + QByteArray::number(keys);
}

// What a text format has already filled when it hands an EVENT payload to the reader.
ParsedLine prefilled() {
    ParsedLine p;
    p.timeUs = 1728561600000000;
    p.level = Level::Warning;
    p.instance = "tagged";
    p.message = "EVENT: {...}";
    return p;
}

struct Outcome {
    QByteArray simdjson; // the simdjson kernel's reading
    QByteArray fast;     // the fast path's, or "declined"
    QByteArray combined; // JsonLineReader's
};

class Readers {
  public:
    Readers() : m_kernel(makeBestJsonKernel()) {}

    // The line read by each reader from a buffer with `room` readable bytes after it.
    Outcome read(const QByteArray& line, int room, const ParsedLine& start) {
        QByteArray buffer = line + QByteArray(room, '}');
        const std::string_view json(buffer.constData(), std::size_t(line.size()));
        const std::size_t readable = std::size_t(line.size() + room);
        Outcome o;
        ParsedLine a = start;
        const bool aOk = m_kernel->read(json, readable, a);
        o.simdjson = describe(aOk, m_kernel->keys(), a);
        ParsedLine b = start;
        o.fast = m_flat.read(json, b) ? describe(true, m_flat.keys(), b) : QByteArray("declined");
        ParsedLine c = start;
        const bool cOk = m_combined.read(json, readable, c);
        o.combined = describe(cOk, m_combined.keys(), c);
        return o;
    }

  private:
    std::unique_ptr<JsonLineKernel> m_kernel;
    FlatJsonReader m_flat;
    JsonLineReader m_combined;
};

QList<QByteArray> sampleLines() {
    QList<QByteArray> lines;
    QDirIterator files(QStringLiteral(VIGIL_SHARED_DIR "/samples"), {QStringLiteral("*.log*")}, QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile f(files.next());
        if (!f.open(QIODevice::ReadOnly)) continue;
        for (const QByteArray& line : f.readAll().split('\n')) {
            if (line.startsWith('{')) lines << line;
            const qsizetype event = line.indexOf("EVENT: {");
            if (event >= 0) lines << line.mid(event + 7);
        }
    }
    return lines;
}

// The JSON lines (and EVENT payloads) of a small corpus from the generator, every format of it.
QList<QByteArray> corpusLines(const QString& dir) {
    QList<QByteArray> lines;
    QDirIterator files(dir, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile f(files.next());
        if (!f.open(QIODevice::ReadOnly)) continue;
        int taken = 0;
        for (const QByteArray& line : f.readAll().split('\n')) {
            if (taken >= 2000) break;
            const qsizetype event = line.indexOf("EVENT: {");
            if (line.startsWith('{'))
                lines << line;
            else if (event >= 0)
                lines << line.mid(event + 7);
            else
                continue;
            ++taken;
        }
    }
    return lines;
}

} // namespace

class TestFlatJson : public QObject {
    Q_OBJECT

    // Compares the readers on `lines`; counts the lines the fast path accepted.
    void compare(const QList<QByteArray>& lines, int& accepted) {
        Readers readers;
        accepted = 0;
        int readings = 0;
        for (const QByteArray& line : lines) {
            for (const int room : {0, 64}) {
                for (const ParsedLine& start : {ParsedLine(), prefilled()}) {
                    const Outcome o = readers.read(line, room, start);
                    if (o.fast != "declined") {
                        if (o.fast != o.simdjson) {
                            qWarning() << "line:" << line;
                            QCOMPARE(o.fast, o.simdjson);
                        }
                        ++readings;
                    }
                    if (o.combined != o.simdjson) {
                        qWarning() << "line:" << line;
                        QCOMPARE(o.combined, o.simdjson);
                    }
                }
            }
        }
        accepted = readings / 4; // each line read from two buffers, from two starting points
    }

  private Q_SLOTS:
    // Lines as services write them are what the fast path is for: none may miss it.
    void everySampleLineTakesTheFastPathAndReadsTheSame() {
        const QList<QByteArray> lines = sampleLines();
        QVERIFY(lines.size() > 500);
        int accepted = 0;
        compare(lines, accepted);
        if (QTest::currentTestFailed()) return;
        QCOMPARE(accepted, int(lines.size()));
    }

    void everyGeneratedLineTakesTheFastPathAndReadsTheSame() {
        QTemporaryDir dir;
        QProcess corpus;
        corpus.start(QStringLiteral("python3"),
                     {QStringLiteral(VIGIL_SHARED_DIR "/tools/corpus.py"), QStringLiteral("static"),
                      dir.path(), QStringLiteral("--mb"), QStringLiteral("4"), QStringLiteral("--seed"),
                      QStringLiteral("11")});
        if (!corpus.waitForFinished(120000) || corpus.exitCode() != 0)
            QSKIP("the corpus generator did not run");
        const QList<QByteArray> lines = corpusLines(dir.path());
        QVERIFY(lines.size() > 5000);
        int accepted = 0;
        compare(lines, accepted);
        if (QTest::currentTestFailed()) return;
        QCOMPARE(accepted, int(lines.size()));
    }

    void edgeLinesReadTheSame() {
        const QList<QByteArray> lines = edgeLines();
        int accepted = 0;
        compare(lines, accepted);
        if (QTest::currentTestFailed()) return;
        // Both ways out are taken: most edge lines are declined, the plain ones are not.
        QVERIFY(accepted > 20);
        QVERIFY(accepted < lines.size() - 20);
    }

    void mutatedLinesReadTheSame() {
        std::mt19937 random(20261130);
        QList<QByteArray> bases = edgeLines();
        const QList<QByteArray> samples = sampleLines();
        for (int i = 0; i < samples.size(); i += 3)
            bases << samples[i];
        QList<QByteArray> lines;
        for (const QByteArray& base : bases)
            lines += mutations(base, random, 60);
        // Mutations of mutations reach pairs of oddities.
        const QList<QByteArray> once = lines;
        for (int i = 0; i < once.size(); i += 4)
            lines += mutations(once[i], random, 2);
        QVERIFY(lines.size() > 20000);
        int accepted = 0;
        compare(lines, accepted);
        if (QTest::currentTestFailed()) return;
        QVERIFY(accepted > lines.size() / 10);
    }

    // A line longer than the fast path takes is left to simdjson, and read as before.
    void longLinesAreLeftToSimdjson() {
        const QByteArray message(int(FlatJsonScanner::kMaxLine), 'x');
        const QByteArray head = "{\"level\":\"error\",\"message\":\"";
        const QList<QByteArray> lines = {head + message + "\"}", head + message.left(60000) + "\"}"};
        int accepted = 0;
        compare(lines, accepted);
        if (QTest::currentTestFailed()) return;
        QCOMPARE(accepted, 1);
    }

    // Every cut of a nested line: each prefix is declined or read exactly as simdjson reads it.
    void everyPrefixReadsTheSame() {
        const QByteArray line = nestedLine();
        QList<QByteArray> prefixes;
        for (int i = 0; i <= line.size(); ++i)
            prefixes << line.left(i);
        int accepted = 0;
        compare(prefixes, accepted);
        if (QTest::currentTestFailed()) return;
        QCOMPARE(accepted, 0); // the number with an exponent at its end is left to simdjson
    }
};

QTEST_APPLESS_MAIN(TestFlatJson)
#include "tst_flatjson.moc"
