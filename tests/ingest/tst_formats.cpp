// Every format and variant of FORMATS.md, line by line, through the real LineParser.
#include "models/parse/formatregistry.h"
#include "models/parse/jsonfields.h"
#include "models/parse/lineparser.h"
#include "models/parse/timestamp.h"

#include <QtTest>

#include <cmath>

using namespace vigil;

Q_DECLARE_METATYPE(vigil::FormatId)
Q_DECLARE_METATYPE(vigil::Level)

namespace {
// Micros for a UTC wall time, computed independently of the parser under test.
qint64 utc(const char* iso) {
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t.toMSecsSinceEpoch() * 1000;
}
} // namespace

class TestFormats : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void parse_data();
    void parse();
    void sourceLocation();
    void eventPayload();
    void jsonFieldsByDottedPath();
    void rejectsWhatIsNotALogLine_data();
    void rejectsWhatIsNotALogLine();
};

void TestFormats::parse_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<FormatId>("format");
    QTest::addColumn<Level>("level");
    QTest::addColumn<qint64>("timeUs");
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QString>("logger");
    QTest::addColumn<QString>("message");
    QTest::addColumn<double>("duration");  // seconds, -1 none
    QTest::addColumn<QString>("endpoint"); // "METHOD path"
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("tools");
    QTest::addColumn<QString>("correlation");

    QTest::newRow("python full")
        << QByteArray(
               "2025-10-10 12:00:00 - [eco-backend] - middleware.performance_monitor - WARNING - "
               "[middleware:send_with_timing:95] - Slow request [tools]: POST /v1/chat/completions - 35.2s")
        << FormatId::PythonText << Level::Warning << utc("2025-10-10T12:00:00") << "eco-backend"
        << "middleware.performance_monitor"
        << "Slow request [tools]: POST /v1/chat/completions - 35.2s" << 35.2 << "POST /v1/chat/completions"
        << 0 << 1 << "";
    QTest::newRow("python comma millis, no instance, no location")
        << QByteArray("2025-10-10 12:00:00,123 - auth.claude - error - Login failed for user 7")
        << FormatId::PythonText << Level::Error << utc("2025-10-10T12:00:00.123") << ""
        << "auth.claude"
        << "Login failed for user 7" << -1.0 << "" << 0 << -1 << "";
    QTest::newRow("python instance, no location")
        << QByteArray("2025-10-10 12:00:01 - [shared] - main - Info - GET /health - 200 - 0.509s")
        << FormatId::PythonText << Level::Info << utc("2025-10-10T12:00:01") << "shared"
        << "main"
        << "GET /health - 200 - 0.509s" << 0.509 << "GET /health" << 200 << -1 << "";
    QTest::newRow("python location, no instance, non-tools, ms")
        << QByteArray("2025-10-10 12:00:02 - middleware.performance_monitor - WARN - [middleware:send:95] - "
                      "Slow request [non-tools]: POST /v1/chat/completions?x=1 took 850ms")
        << FormatId::PythonText << Level::Warning << utc("2025-10-10T12:00:02") << ""
        << "middleware.performance_monitor"
        << "Slow request [non-tools]: POST /v1/chat/completions?x=1 took 850ms" << 0.85
        << "POST /v1/chat/completions" << 0 << 0 << "";
    QTest::newRow("python fatal and trace levels")
        << QByteArray("2025-10-10 12:00:03 - worker - FATAL - out of memory") << FormatId::PythonText
        << Level::Critical << utc("2025-10-10T12:00:03") << ""
        << "worker"
        << "out of memory" << -1.0 << "" << 0 << -1 << "";
    QTest::newRow("python trace") << QByteArray("2025-10-10 12:00:03 - worker - TRACE - tick")
                                  << FormatId::PythonText << Level::Trace << utc("2025-10-10T12:00:03") << ""
                                  << "worker"
                                  << "tick" << -1.0 << "" << 0 << -1 << "";
    QTest::newRow("structlog")
        << QByteArray(
               R"({"event": "task.created", "task_id": "task-24730", "request_id": "req_a276cb0ab0cac06e", )"
               R"("timestamp": "2025-11-10T10:20:00.014858Z", "level": "warning", "logger": )"
               R"("octollm.orchestrator", "service": "octollm-orchestrator", "environment": "production", "duration_ms": 1234})")
        << FormatId::StructlogJson << Level::Warning << utc("2025-11-10T10:20:00.014") + 858
        << "octollm-orchestrator"
        << "octollm.orchestrator"
        << "task.created" << 1.234 << "" << 0 << -1 << "req_a276cb0ab0cac06e";
    QTest::newRow("structlog http request")
        << QByteArray(
               R"({"event": "request.completed", "task_id": "task-9582", "request_id": "req_9899b7311e16a247", )"
               R"("timestamp": "2025-11-10T10:20:00.105272Z", "level": "error", "logger": "octollm.orchestrator", )"
               R"("service": "octollm-orchestrator", "duration_ms": 1107, "method": "POST", "path": "/api/v1/tasks", "status_code": 500})")
        << FormatId::StructlogJson << Level::Error << utc("2025-11-10T10:20:00.105") + 272
        << "octollm-orchestrator"
        << "octollm.orchestrator"
        << "request.completed" << 1.107 << "POST /api/v1/tasks" << 500 << -1 << "req_9899b7311e16a247";
    QTest::newRow("tracing nested fields, WARN")
        << QByteArray(
               R"({"timestamp":"2025-11-10T10:20:00.000377Z","level":"WARN","fields":{"message":"Task completed",)"
               R"("duration_ms":873},"target":"octollm::executor","span":{"task_id":"task-33918","name":"process_task"},)"
               R"("spans":[{"task_id":"task-52471","name":"process_task"}]})")
        << FormatId::TracingJson << Level::Warning << utc("2025-11-10T10:20:00.000") + 377 << ""
        << "octollm::executor"
        << "Task completed" << 0.873 << "" << 0 << -1 << "task-33918";
    QTest::newRow("production, extra.duration_sec, call id")
        << QByteArray(
               R"({"timestamp": "2025-11-10T10:20:00.012061Z", "level": "DEBUG", "logger": "app.telephony.asterisk_ari", )"
               R"("function": "handle_stasis_start", "line": 145, "message": "Call failed", "app": "ai_voice_agent", )"
               R"("environment": "production", "call_id": "ast-620-413", "extra": {"caller_number": "+15752305083", "duration_sec": 26.34}})")
        << FormatId::ProductionJson << Level::Debug << utc("2025-11-10T10:20:00.012") + 61 << "ai_voice_agent"
        << "app.telephony.asterisk_ari"
        << "Call failed" << 26.34 << "" << 0 << -1 << "ast-620-413";
    QTest::newRow("flask, naive timestamp, url path")
        << QByteArray(
               R"({"timestamp": "2025-06-26T10:30:02.456789", "level": "INFO", "message": "Outgoing response", )"
               R"("module": "logger", "request_id": "req_5394149652244849", "method": "POST", "url": )"
               R"("http://localhost:5000/api/v1/generate?stream=1", "endpoint": "generate_response", "status_code": 200, )"
               R"("duration_ms": 1523.5, "type": "response"})")
        << FormatId::FlaskJson << Level::Info << utc("2025-06-26T10:30:02.456") + 789 << ""
        << "logger"
        << "Outgoing response" << 1.5235 << "POST /api/v1/generate" << 200 << -1 << "req_5394149652244849";
    QTest::newRow("user context, millis Z")
        << QByteArray(
               R"({"timestamp": "2025-11-10T10:20:00.011Z", "level": "critical", "logger": "auth", "message": )"
               R"("User logged in: 0x123...", "module": "auth", "function": "connect_wallet", "line": 145, "user_id": "198", )"
               R"("request_id": "52f9bcc9-3e94", "ip_address": "192.168.1.124"})")
        << FormatId::UserContextJson << Level::Critical << utc("2025-11-10T10:20:00.011") << ""
        << "auth"
        << "User logged in: 0x123..." << -1.0 << "" << 0 << -1 << "52f9bcc9-3e94";
    QTest::newRow("json with zone offset and nested data.duration")
        << QByteArray(
               R"({"timestamp": "2025-11-10T12:20:00+02:00", "level": "error", "msg": "boom", "instance": "i-1", )"
               R"("service": "svc", "data": {"duration": 2.5, "session_id": "abcdef123456"}})")
        << FormatId::GenericJson << Level::Error << utc("2025-11-10T10:20:00") << "i-1"
        << ""
        << "boom" << 2.5 << "" << 0 << -1 << "abcdef123456";
    QTest::newRow("console colored")
        << QByteArray("\x1b[32m[INFO]\x1b[0m 2024-11-05 10:30:45 - auth - User logged in: 0x123...")
        << FormatId::ColorConsole << Level::Info << utc("2024-11-05T10:30:45") << ""
        << "auth"
        << "User logged in: 0x123..." << -1.0 << "" << 0 << -1 << "";
    QTest::newRow("console bold red critical")
        << QByteArray(
               "\x1b[1;31m[CRITICAL]\x1b[0m 2024-11-05 10:30:46 - database - Connection failed: timeout")
        << FormatId::ColorConsole << Level::Critical << utc("2024-11-05T10:30:46") << ""
        << "database"
        << "Connection failed: timeout" << -1.0 << "" << 0 << -1 << "";
    QTest::newRow("console without colour")
        << QByteArray("[WARNING] 2024-11-05 10:30:47 - api - Rate limited") << FormatId::ColorConsole
        << Level::Warning << utc("2024-11-05T10:30:47") << ""
        << "api"
        << "Rate limited" << -1.0 << "" << 0 << -1 << "";
    QTest::newRow("generic iso and level word")
        << QByteArray("2025-11-10T10:20:00.5Z worker-3 ERROR lost connection to db after 1.5s")
        << FormatId::GenericText << Level::Error << utc("2025-11-10T10:20:00.500") << ""
        << ""
        << "lost connection to db after 1.5s" << 1.5 << "" << 0 << -1 << "";
    QTest::newRow("generic bracketed")
        << QByteArray("[2025-11-10 10:20:00] [warn] disk almost full") << FormatId::GenericText
        << Level::Warning << utc("2025-11-10T10:20:00") << ""
        << ""
        << "disk almost full" << -1.0 << "" << 0 << -1 << "";

    // logfmt is registered like any other format: it has no FormatId of its own.
    const FormatId logfmt = *formatRegistry().find("logfmt");
    QTest::newRow("logfmt slog")
        << QByteArray(
               R"(time=2025-11-10T10:20:00.512Z level=INFO msg="GET /health" duration_ms=12 instance=web-1)")
        << logfmt << Level::Info << utc("2025-11-10T10:20:00.512") << "web-1"
        << ""
        << "GET /health" << 0.012 << "GET /health" << 0 << -1 << "";
    QTest::newRow("logfmt quoted escapes and offset")
        << QByteArray(
               R"(time="2025-11-10T12:20:00+02:00" level=warn msg="upstream said \"busy\"\tretrying" service=api)")
        << logfmt << Level::Warning << utc("2025-11-10T10:20:00") << "api"
        << ""
        << "upstream said \"busy\"\tretrying" << -1.0 << "" << 0 << -1 << "";
    QTest::newRow("logfmt lvl and ts epoch seconds")
        << QByteArray("ts=1762770000.25 lvl=eror caller=main.go:42 msg=boom took=1.5s request_id=req_9")
        << logfmt << Level::Error << utc("2025-11-10T10:20:00.250") << ""
        << ""
        << "boom" << 1.5 << "" << 0 << -1 << "req_9";
    QTest::newRow("logfmt epoch milliseconds and go duration")
        << QByteArray("ts=1762770000250 level=debug msg=tick latency=2m3.5s app=cron") << logfmt
        << Level::Debug << utc("2025-11-10T10:20:00.250") << "cron"
        << ""
        << "tick" << 123.5 << "" << 0 << -1 << "";
    QTest::newRow("logfmt bare keys and http")
        << QByteArray("level=error msg=\"upstream failed\" cached method=POST path=/v1/chat?x=1 status=502 "
                      "elapsed=350\xC2\xB5s component=proxy")
        << logfmt << Level::Error << qint64(kNoTime) << ""
        << "proxy"
        << "upstream failed" << 350e-6 << "POST /v1/chat" << 502 << -1 << "";
    QTest::newRow("logfmt after a heroku drain prefix")
        << QByteArray("2025-11-10T10:20:00.250000+00:00 heroku[router]: at=warning method=POST path=/api "
                      "request_id=8601b555 dyno=web.1 connect=0ms service=30001ms status=503")
        << logfmt << Level::Warning << utc("2025-11-10T10:20:00.250") << "web.1"
        << ""
        << "" << 30.001 << "POST /api" << 503 << -1 << "8601b555";
    QTest::newRow("logfmt heroku router level")
        << QByteArray("at=info method=GET path=\"/\" host=example.herokuapp.com request_id=8601b555 "
                      "status=200 bytes=13")
        << logfmt << Level::Info << qint64(kNoTime) << ""
        << ""
        << "" << -1.0 << "GET /" << 200 << -1 << "8601b555";
}

void TestFormats::parse() {
    QFETCH(QByteArray, line);
    QFETCH(FormatId, format);
    QFETCH(Level, level);
    QFETCH(qint64, timeUs);
    QFETCH(QString, instance);
    QFETCH(QString, logger);
    QFETCH(QString, message);
    QFETCH(double, duration);
    QFETCH(QString, endpoint);
    QFETCH(int, status);
    QFETCH(int, tools);
    QFETCH(QString, correlation);

    LineParser parser;
    ParsedLine p;
    const std::string text(line.constData(), line.size());
    QCOMPARE(parser.parse(text, text.size(), FormatId::Raw, p), format);
    QCOMPARE(p.format, format);
    QCOMPARE(p.level, level);
    QCOMPARE(p.timeUs, timeUs);
    QCOMPARE(QString::fromStdString(std::string(p.instance)), instance);
    QCOMPARE(QString::fromStdString(std::string(p.logger)), logger);
    QCOMPARE(QString::fromStdString(std::string(p.message)), message);
    if (duration < 0)
        QVERIFY2(!p.hasDuration(), "no duration expected");
    else
        QVERIFY2(std::fabs(p.durationSeconds - duration) < 1e-4,
                 qPrintable(QString::number(p.durationSeconds)));
    const QString gotEndpoint =
        p.path.empty() ? QString()
                       : QString::fromStdString(std::string(p.method) + " " + std::string(p.path));
    QCOMPARE(gotEndpoint, endpoint);
    QCOMPARE(int(p.status), status);
    QCOMPARE(int(p.toolsEnabled), tools);
    QCOMPARE(QString::fromStdString(std::string(p.correlationId)), correlation);
}

void TestFormats::sourceLocation() {
    LineParser parser;
    ParsedLine p;
    const std::string withLocation =
        "2025-10-10 12:00:00 - [a] - m - INFO - [main:dispatch:120] - GET /health - 200 - 0.5s";
    parser.parse(withLocation, withLocation.size(), FormatId::Raw, p);
    QCOMPARE(std::string(p.location), std::string("main:dispatch:120"));
    QCOMPARE(std::string(p.message), std::string("GET /health - 200 - 0.5s"));
    const std::string bracketMessage = "2025-10-10 12:00:00 - m - INFO - [not a location] - text";
    parser.parse(bracketMessage, bracketMessage.size(), FormatId::Raw, p);
    QVERIFY(p.location.empty());
    QCOMPARE(std::string(p.message), std::string("[not a location] - text"));
}

void TestFormats::eventPayload() {
    const std::string line =
        R"(2025-11-10 10:20:00 - [eco-diagnostics] - middleware.event_logger - INFO - [event_logger:log_event:57] - EVENT: )"
        R"({"timestamp": "2025-11-10T10:20:00Z", "instance": "eco-diagnostics", "port": 8020, "event_type": "chat_completion", )"
        R"("data": {"session_id": "f4581fff", "model": "claude-sonnet-4", "duration_seconds": 1.597, "tokens": 3084, "tools_enabled": true}})";
    LineParser parser;
    ParsedLine p;
    QCOMPARE(parser.parse(line, line.size(), FormatId::PythonText, p), FormatId::PythonEvent);
    QCOMPARE(p.level, Level::Info);
    QCOMPARE(std::string(p.instance), std::string("eco-diagnostics"));
    QCOMPARE(std::string(p.logger), std::string("middleware.event_logger"));
    QVERIFY(std::fabs(p.durationSeconds - 1.597) < 1e-4);
    QCOMPARE(int(p.toolsEnabled), 1);
    QCOMPARE(std::string(p.correlationId), std::string("f4581fff"));
    QCOMPARE(p.timeUs, utc("2025-11-10T10:20:00"));

    // A payload that is not valid JSON leaves a plain Python text entry.
    const std::string broken = "2025-11-10 10:20:00 - [a] - ev - ERROR - EVENT: {\"data\": {\"x\": ";
    QCOMPARE(parser.parse(broken, broken.size(), FormatId::PythonText, p), FormatId::PythonText);
    QCOMPARE(p.level, Level::Error);
}

void TestFormats::jsonFieldsByDottedPath() {
    const auto fields = flattenJsonFields(
        R"({"event_type": "chat_completion", "data": {"tools_enabled": true, "tokens": 150, "inner": {"k": "v"}}, "tags": ["a", 1]})");
    QMap<QString, QString> byPath;
    for (const auto& [path, value] : fields)
        byPath.insert(QString::fromStdString(path), QString::fromStdString(value));
    QCOMPARE(byPath.value(QStringLiteral("event_type")), QStringLiteral("chat_completion"));
    QCOMPARE(byPath.value(QStringLiteral("data.tools_enabled")), QStringLiteral("true"));
    QCOMPARE(byPath.value(QStringLiteral("data.tokens")), QStringLiteral("150"));
    QCOMPARE(byPath.value(QStringLiteral("data.inner.k")), QStringLiteral("v"));
    QCOMPARE(byPath.value(QStringLiteral("tags")), QStringLiteral("[\"a\",1]"));
    QVERIFY(flattenJsonFields("{\"truncated\": ").empty());
    QVERIFY(flattenJsonFields("not json").empty());
}

void TestFormats::rejectsWhatIsNotALogLine_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("traceback line") << QByteArray(
        "  File \"/srv/app/main.py\", line 212, in chat_completions");
    QTest::newRow("exception line") << QByteArray("TimeoutError: upstream timed out after 30s");
    QTest::newRow("truncated json") << QByteArray(
        R"({"timestamp": "2025-11-10T10:20:00Z", "level": "INFO", "mess)");
    QTest::newRow("timestamp without level") << QByteArray("2025-11-10 10:20:00 something happened here");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("invalid utf-8") << QByteArray("\xff\xfe garbage \xc3\x28");
    QTest::newRow("json array") << QByteArray("[1, 2, 3]");
    QTest::newRow("prose with an assignment") << QByteArray("retry=3 means we try three times");
    QTest::newRow("logfmt unterminated quote") << QByteArray(R"(level=info msg="started)");
    QTest::newRow("logfmt stray quote") << QByteArray(R"(level=info msg=say"hi")");
}

void TestFormats::rejectsWhatIsNotALogLine() {
    QFETCH(QByteArray, line);
    LineParser parser;
    ParsedLine p;
    const std::string text(line.constData(), line.size());
    QCOMPARE(parser.parse(text, text.size(), FormatId::PythonText, p), FormatId::Raw);
    QCOMPARE(p.level, Level::None);
}

QTEST_APPLESS_MAIN(TestFormats)
#include "tst_formats.moc"
