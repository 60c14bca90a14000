// The JSON line reader built for each simdjson kernel reads every line exactly as the
// baseline build does, and the best kernel the CPU can run is the one chosen.
#include "models/parse/jsonlinekernel.h"
#include "models/parse/jsonlinereader.h"

#include <QDirIterator>
#include <QFile>
#include <QtTest>

#include <simdjson.h>

using namespace vigil;

namespace {

// Every field a reader fills, as text, so two readers can be compared line by line.
QString describe(bool ok, JsonKeys keys, const ParsedLine& p) {
    if (!ok) return QStringLiteral("rejected");
    auto s = [](std::string_view v) { return QString::fromUtf8(v.data(), static_cast<int>(v.size())); };
    return QStringLiteral("t=%1 l=%2 i=%3 g=%4 m=%5 p=%6 s=%7 d=%8 tools=%9 c=%10 msg=%11 keys=%12")
        .arg(p.timeUs)
        .arg(static_cast<int>(p.level))
        .arg(s(p.instance), s(p.logger), s(p.method), s(p.path))
        .arg(p.status)
        .arg(p.hasDuration() ? QString::number(p.durationSeconds) : QStringLiteral("-"))
        .arg(p.toolsEnabled)
        .arg(s(p.correlationId), s(p.message))
        .arg(keys);
}

QList<QByteArray> jsonLines() {
    // Escapes, long strings across SIMD block edges, nesting, numbers as strings, broken lines.
    QList<QByteArray> lines = {
        R"({"timestamp":"2025-10-10T12:00:00.123Z","level":"ERROR","message":"a \"quoted\" \\ path\u00e9\n)"
        R"(and more text that runs well past sixty-four bytes so the vector paths are used","service":"dchat"})",
        R"({"ts":1728561600.5,"level":50,"msg":"pino","data":{"duration_ms":"12.5","tools_enabled":true}})",
        R"({"time":"2025-10-10 12:00:00","severity":"warning","span":{"task_id":"t-1","x":[1,2,3]},"fields":{"message":"m","duration_seconds":3}})",
        R"({"@timestamp":"2025-10-10T12:00:00Z","levelname":"INFO","event":"ev","extra":{"extra":{"data":{"request_id":"deep"}}}})",
        R"({"url":"https://h/v1/chat?q=1","method":"POST","status_code":503,"X-Request-ID":"r-9"})",
        R"({"message":"truncated)",
        R"({"a":})",
        R"([1,2,3])",
        R"({"name":"\ud83d\ude00 emoji","logger":"lg","module":"mod","target":"tg","app":"a","instance":"i"})",
    };
    QDirIterator files(QStringLiteral(VIGIL_SHARED_DIR "/samples"), QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile f(files.next());
        if (!f.open(QIODevice::ReadOnly)) continue;
        for (const QByteArray& line : f.readAll().split('\n'))
            if (line.startsWith('{')) lines << line;
    }
    return lines;
}

} // namespace

class TestJsonKernels : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void everyKernelReadsLikeTheBaseline() {
        std::vector<std::unique_ptr<JsonLineKernel>> kernels;
        for (auto make : {makeHaswellJsonKernel, makeIcelakeJsonKernel})
            if (auto k = make()) kernels.push_back(std::move(k));
        if (kernels.empty()) QSKIP("this CPU runs no SIMD kernel");
        auto baseline = makeFallbackJsonKernel();
        QVERIFY(baseline);
        const QList<QByteArray> lines = jsonLines();
        QVERIFY(lines.size() > 100);
        for (const QByteArray& line : lines) {
            // Both tight (copied into padding) and roomy (parsed in place) buffers.
            for (const std::size_t room : {std::size_t(0), std::size_t(simdjson::SIMDJSON_PADDING)}) {
                QByteArray buffer = line;
                buffer.append(QByteArray(static_cast<int>(room), ' '));
                const std::string_view json(buffer.constData(), static_cast<std::size_t>(line.size()));
                ParsedLine want;
                const bool wantOk = baseline->read(json, line.size() + room, want);
                const QString expected = describe(wantOk, baseline->keys(), want);
                for (auto& kernel : kernels) {
                    ParsedLine got;
                    const bool gotOk = kernel->read(json, line.size() + room, got);
                    QCOMPARE(describe(gotOk, kernel->keys(), got), expected);
                }
            }
        }
    }

    void theBestKernelTheCpuHasIsChosen() {
        if (qEnvironmentVariableIsSet("SIMDJSON_FORCE_IMPLEMENTATION"))
            QSKIP("kernel forced by the environment");
        const JsonLineReader reader;
        const QByteArray chosen(reader.kernelName());
        if (makeIcelakeJsonKernel())
            QCOMPARE(chosen, QByteArray("icelake"));
        else if (makeHaswellJsonKernel())
            QCOMPARE(chosen, QByteArray("haswell"));
        else
            QCOMPARE(chosen, QByteArray("fallback"));
    }
};

QTEST_APPLESS_MAIN(TestJsonKernels)
#include "tst_jsonkernels.moc"
