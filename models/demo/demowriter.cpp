#include "demowriter.h"

#include <QDir>
#include <QFileInfo>

namespace vigil {

namespace {
enum class Style { Python, Structlog, Tracing, Flask, Console };

const char* const kEndpoints[] = {"/v1/chat/completions", "/v1/models", "/v1/embeddings", "/health"};
} // namespace

struct DemoWriter::Sink {
    QString relativePath;
    Style style;
    QString instance;
    std::FILE* file = nullptr;
};

QStringList DemoWriter::relativePaths() {
    return {QStringLiteral("instances/eco-backend/logs/app.log"),
            QStringLiteral("instances/eco-diagnostics/logs/app.log"),
            QStringLiteral("octollm/orchestrator.log"),
            QStringLiteral("octollm/executor.log"),
            QStringLiteral("local-llm/logs/api.log"),
            QStringLiteral("dchat/logs/console.log")};
}

DemoWriter::DemoWriter(const QString& folder, quint32 seed, QObject* parent)
    : QObject(parent), m_folder(folder), m_random(seed) {
    const Style styles[] = {Style::Python,  Style::Python, Style::Structlog,
                            Style::Tracing, Style::Flask,  Style::Console};
    const char* instances[] = {"eco-backend", "eco-diagnostics", "octollm-orchestrator",
                               "octollm",     "local-llm",       "dchat"};
    const QStringList paths = relativePaths();
    for (int k = 0; k < paths.size(); ++k) {
        auto sink = std::make_unique<Sink>();
        sink->relativePath = paths[k];
        sink->style = styles[k];
        sink->instance = QString::fromLatin1(instances[k]);
        const QString path = QDir(folder).filePath(paths[k]);
        QDir().mkpath(QFileInfo(path).absolutePath());
        sink->file = std::fopen(QFile::encodeName(path).constData(), "ab");
        m_sinks.push_back(std::move(sink));
    }
    // A child, so that moving the writer to a thread of its own moves its timer too.
    m_timer.setParent(this);
    connect(&m_timer, &QTimer::timeout, this, &DemoWriter::tick);
}

DemoWriter::~DemoWriter() {
    for (auto& s : m_sinks)
        if (s->file) std::fclose(s->file);
}

// A 12 s latency spike every 90 s and a 6 s error burst every 70 s, by wall-clock time so
// every instance sees them together.
bool DemoWriter::inSpike(const QDateTime& t) const {
    return t.toSecsSinceEpoch() % 90 < 12;
}
bool DemoWriter::inBurst(const QDateTime& t) const {
    return t.toSecsSinceEpoch() % 70 < 6 || (m_burstUntil.isValid() && t < m_burstUntil);
}

void DemoWriter::startErrorBurst(int seconds) {
    m_burstUntil = QDateTime::currentDateTimeUtc().addSecs(seconds);
}

void DemoWriter::writeAt(const QDateTime& time) {
    Sink& sink = *m_sinks[std::uniform_int_distribution<std::size_t>(0, m_sinks.size() - 1)(m_random)];
    if (!sink.file) return;
    std::uniform_real_distribution<double> unit(0, 1);
    const bool spike = inSpike(time), burst = inBurst(time);
    const double roll = unit(m_random);
    const char* level = roll < (burst ? 0.45 : 0.04)   ? "ERROR"
                        : roll < (burst ? 0.55 : 0.12) ? "WARNING"
                        : roll < 0.3                   ? "DEBUG"
                                                       : "INFO";
    const bool error = level[0] == 'E';
    double duration = 0.2 + unit(m_random) * 2.0;
    if (spike) duration *= 8 + unit(m_random) * 6;
    const bool tools = unit(m_random) < 0.3;
    const char* endpoint = kEndpoints[std::uniform_int_distribution<int>(0, 3)(m_random)];
    const int status = error ? (unit(m_random) < 0.6 ? 503 : 500) : 200;
    char id[17];
    std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(m_random()) << 20 ^ m_random());
    const QByteArray iso = time.toUTC().toString(Qt::ISODateWithMs).toUtf8();
    const QByteArray text = time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss,zzz")).toUtf8();
    const QByteArray inst = sink.instance.toUtf8();
    std::FILE* f = sink.file;
    switch (sink.style) {
    case Style::Python:
        if (error && unit(m_random) < 0.5) {
            std::fprintf(f,
                         "%s - [%s] - api.chat - ERROR - [main:chat_completions:212] - Request failed: "
                         "upstream timeout request_id=req_%s\n"
                         "Traceback (most recent call last):\n"
                         "  File \"/srv/app/main.py\", line 212, in chat_completions\n"
                         "    result = await backend.complete(request)\n"
                         "  File \"/srv/app/backend.py\", line 88, in complete\n"
                         "    raise TimeoutError(\"upstream timed out after 30s\")\n"
                         "TimeoutError: upstream timed out after 30s\n",
                         text.constData(), inst.constData(), id);
        } else if (unit(m_random) < 0.4) {
            std::fprintf(f,
                         "%s - [%s] - middleware.event_logger - %s - [event_logger:log_event:57] - EVENT: "
                         "{\"timestamp\": \"%s\", \"instance\": \"%s\", \"port\": 8010, \"event_type\": "
                         "\"%s\", \"data\": {\"session_id\": \"%s\", \"model\": \"claude-sonnet-4\", "
                         "\"duration_seconds\": %.3f, \"tokens\": %d, \"tools_enabled\": %s}}\n",
                         text.constData(), inst.constData(), level, iso.constData(), inst.constData(),
                         error ? "chat_completion_error" : "chat_completion", id, duration,
                         int(100 + unit(m_random) * 3000), tools ? "true" : "false");
        } else {
            const bool slow = duration > (tools ? 30 : 5);
            std::fprintf(f,
                         "%s - [%s] - middleware.performance_monitor - %s - [middleware:send_with_timing:95] "
                         "- %s%s: POST %s - %d - %.3fs\n",
                         text.constData(), inst.constData(), slow && !error ? "WARNING" : level,
                         slow ? "Slow request" : "Request", tools ? " [tools]" : "", endpoint, status,
                         duration);
        }
        break;
    case Style::Structlog:
        std::fprintf(
            f,
            "{\"event\": \"%s\", \"task_id\": \"task-%05d\", \"request_id\": \"req_%s\", \"timestamp\": "
            "\"%s\", \"level\": \"%s\", \"logger\": \"octollm.orchestrator\", \"service\": "
            "\"octollm-orchestrator\", \"environment\": \"production\", \"duration_ms\": %d%s}\n",
            error ? "arm.request_failed" : "task.completed", int(unit(m_random) * 99999), id, iso.constData(),
            QByteArray(level).toLower().constData(), int(duration * 1000),
            error ? ", \"error\": \"LLM provider returned 503\", \"error_code\": \"LLM_API_ERROR\"" : "");
        break;
    case Style::Tracing:
        std::fprintf(f,
                     "{\"timestamp\":\"%s\",\"level\":\"%s\",\"fields\":{\"message\":\"%s\",\"duration_ms\":%"
                     "d},\"target\":\"octollm_executor::executor\",\"span\":{\"task_id\":\"task-%05d\","
                     "\"name\":\"process_task\"}}\n",
                     iso.constData(),
                     error             ? "ERROR"
                     : level[0] == 'W' ? "WARN"
                                       : level,
                     error ? "Task failed" : "Task completed", int(duration * 1000),
                     int(unit(m_random) * 99999));
        break;
    case Style::Flask:
        std::fprintf(
            f,
            "{\"timestamp\": \"%s\", \"level\": \"%s\", \"message\": \"%s\", \"request_id\": \"req_%s\", "
            "\"method\": \"POST\", \"url\": \"http://localhost:5000/api/v1/generate\", \"endpoint\": "
            "\"generate_response\", \"status_code\": %d, \"duration_ms\": %.1f, \"type\": \"%s\"}\n",
            iso.left(iso.size() - 1).constData(), level,
            error ? "Text generation error: model overloaded" : "Text generation completed", id, status,
            duration * 1000, error ? "error" : "response");
        break;
    case Style::Console: {
        const char* colour = error ? "31" : level[0] == 'W' ? "33" : level[0] == 'D' ? "36" : "32";
        std::fprintf(f, "\x1b[%sm[%s]\x1b[0m %s - %s - %s\n", colour, level,
                     time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toUtf8().constData(),
                     error ? "database" : "api", error ? "Connection failed: timeout" : "Message sent");
        break;
    }
    }
    ++m_written;
}

void DemoWriter::writeHistory(int seconds, int perSecond) {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 total = qint64(seconds) * perSecond;
    for (qint64 k = 0; k < total; ++k)
        writeAt(now.addMSecs(-qint64(seconds) * 1000 + k * 1000 / perSecond));
    for (auto& s : m_sinks)
        if (s->file) std::fflush(s->file);
    Q_EMIT wrote(int(total));
}

void DemoWriter::start(int perSecond, int tickMs) {
    m_perTick = std::max(1, perSecond * tickMs / 1000);
    m_lastTick = QDateTime::currentDateTimeUtc();
    m_timer.start(tickMs);
}

void DemoWriter::stop() {
    m_timer.stop();
}

void DemoWriter::tick() {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int k = 0; k < m_perTick; ++k)
        writeAt(now);
    for (auto& s : m_sinks)
        if (s->file) std::fflush(s->file);
    Q_EMIT wrote(m_perTick);
}

} // namespace vigil
