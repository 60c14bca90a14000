#include "lokiproducer.h"

#include <QDateTime>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>

namespace vigil {

namespace {

std::int64_t nowNs() {
    return QDateTime::currentMSecsSinceEpoch() * 1000000LL;
}

// How far before the newest entry seen a reconnect or poll asks from: entries of several
// streams reach Loki a little out of order. The deduplicator remembers longer than this.
constexpr std::int64_t kOverlapNs = 5'000'000'000LL;

} // namespace

LokiProducer::LokiProducer(LokiTarget target, LokiProducerOptions options)
    : m_target(std::move(target)), m_options(options), m_limit(options.pageLimit) {
    m_commitTimer.setSingleShot(true);
    m_commitTimer.setInterval(m_options.commitQuietMs);
    connect(&m_commitTimer, &QTimer::timeout, this, [this] {
        if (m_streams) m_streams->commitOpen(m_sink);
    });
    m_pollTimer.setInterval(m_options.pollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &LokiProducer::pollOnce);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &LokiProducer::catchUpAndReconnect);
}

LokiProducer::~LokiProducer() {
    m_finished = true;
    if (m_tail) {
        m_tail->disconnect(this);
        m_tail->abort();
    }
}

bool LokiProducer::cancelled() const {
    return m_finished || m_interrupted || (m_cancel && m_cancel->load());
}

void LokiProducer::status(const QString& text) {
    if (m_sink.status) m_sink.status(QStringLiteral("Loki %1: %2").arg(m_target.displayName(), text));
}

void LokiProducer::problem(const QString& text) {
    status(text);
    if (m_sink.problem) m_sink.problem({m_target.displayName(), text});
}

QUrl LokiProducer::endpoint(const char* path) const {
    QUrl url = m_target.base;
    url.setPath(m_target.base.path() + QLatin1String(path));
    return url;
}

QString LokiProducer::describe(const Reply& r) const {
    if (r.status == 401 || r.status == 403)
        return QStringLiteral("authentication failed (HTTP %1): check the token, user or tenant")
            .arg(r.status);
    if (r.status == 429)
        return QStringLiteral("rate limited (HTTP 429), gave up after %1 tries").arg(m_options.maxAttempts);
    if (r.status == 0) return QStringLiteral("cannot reach the server: %1").arg(r.error);
    QString body = QString::fromUtf8(r.body.left(200)).simplified();
    return QStringLiteral("the server answered HTTP %1%2")
        .arg(r.status)
        .arg(body.isEmpty() ? QString() : QStringLiteral(": ") + body);
}

void LokiProducer::wait(int ms) {
    QEventLoop loop;
    QTimer done, check;
    done.setSingleShot(true);
    connect(&done, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(&check, &QTimer::timeout, &loop, [&] {
        if (cancelled()) loop.quit();
    });
    done.start(ms);
    check.start(100);
    loop.exec();
}

LokiProducer::Reply LokiProducer::get(const QUrl& url) {
    if (!m_network) m_network = new QNetworkAccessManager(this);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_options.requestTimeoutMs);
    request.setRawHeader("Accept", "application/json");
    const QByteArray auth = m_target.authorization();
    if (!auth.isEmpty()) request.setRawHeader("Authorization", auth);
    if (!m_target.orgId.isEmpty()) request.setRawHeader("X-Scope-OrgID", m_target.orgId.toUtf8());
    QNetworkReply* reply = m_network->get(request);
    QEventLoop loop;
    QTimer check;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    connect(&check, &QTimer::timeout, &loop, [&] {
        if (cancelled()) reply->abort();
    });
    check.start(100);
    if (!reply->isFinished()) loop.exec();
    Reply r;
    if (!reply->isFinished()) {
        // The thread's event loops were told to end (the ingest stops or finishes).
        m_interrupted = true;
        reply->abort();
    }
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError) r.error = reply->errorString();
    bool ok = false;
    const int after = reply->rawHeader("Retry-After").toInt(&ok);
    if (ok) r.retryAfterSeconds = after;
    reply->deleteLater();
    return r;
}

LokiProducer::Reply LokiProducer::getWithRetry(const QUrl& url) {
    for (int attempt = 1;; ++attempt) {
        Reply r = get(url);
        if (cancelled()) return r;
        const bool retry = r.status == 429 || r.status >= 500 || r.status == 0;
        // A refused connection is given a few tries only: a dead server is said so quickly.
        const int attempts = r.status == 0 ? std::min(3, m_options.maxAttempts) : m_options.maxAttempts;
        if (!retry || attempt >= attempts) return r;
        int delay = std::min(m_options.firstRetryMs << std::min(attempt - 1, 16), m_options.maxRetryMs);
        if (r.retryAfterSeconds >= 0) delay = std::min(r.retryAfterSeconds * 1000, 30000);
        const QString seconds = QString::number(delay / 1000.0, 'g', 2);
        if (r.status == 429)
            status(QStringLiteral("rate limited, retrying in %1 s").arg(seconds));
        else if (r.status == 0)
            status(QStringLiteral("no answer (%1), retrying in %2 s").arg(r.error, seconds));
        else
            status(QStringLiteral("server error %1, retrying in %2 s").arg(r.status).arg(seconds));
        wait(delay);
        if (cancelled()) return r;
    }
}

void LokiProducer::deliver(const LokiResponse& response, bool live) {
    const std::int64_t receivedUs = live ? nowNs() / 1000 : 0;
    // Offered to the deduplicator in time order across every stream (an answer lists them
    // stream by stream, the tail newest first): a stream's older entries listed after
    // another stream's newer ones are not taken for replays.
    std::vector<std::pair<std::size_t, const LokiEntry*>> all;
    all.reserve(response.entries);
    for (std::size_t s = 0; s < response.streams.size(); ++s)
        for (const LokiEntry& e : response.streams[s].entries)
            all.emplace_back(s, &e);
    std::stable_sort(all.begin(), all.end(),
                     [](const auto& a, const auto& b) { return a.second->ns < b.second->ns; });
    std::vector<std::vector<const LokiEntry*>> fresh(response.streams.size());
    for (const auto& [s, e] : all)
        if (m_dedup.accept(response.streams[s].key, e->ns, e->line)) fresh[s].push_back(e);
    for (std::size_t s = 0; s < response.streams.size(); ++s) {
        m_entries += fresh[s].size();
        m_streams->add(response.streams[s], fresh[s], m_sink, receivedUs);
    }
    if (live) m_commitTimer.start();
}

bool LokiProducer::readRange(std::int64_t startNs, std::int64_t endNs, bool live) {
    std::int64_t step = 1;
    for (;;) {
        const std::uint64_t before = m_entries;
        QUrl url = endpoint("/loki/api/v1/query_range");
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("query"),
                           QString::fromLatin1(QUrl::toPercentEncoding(m_target.selector)));
        query.addQueryItem(QStringLiteral("start"), QString::number(startNs));
        query.addQueryItem(QStringLiteral("end"), QString::number(endNs));
        query.addQueryItem(QStringLiteral("limit"), QString::number(m_limit));
        query.addQueryItem(QStringLiteral("direction"), QStringLiteral("forward"));
        url.setQuery(query);
        const Reply r = getWithRetry(url);
        if (cancelled()) return false;
        if (r.status == 400 && r.body.contains("limit") && m_limit > 100) {
            m_limit /= 2; // the server's max_entries_limit_per_query is lower
            m_limitRefused = true;
            status(QStringLiteral("pages limited by the server, asking %1 entries a page").arg(m_limit));
            continue;
        }
        if (r.status != 200) {
            problem(describe(r));
            return false;
        }
        const LokiResponse response =
            parseLokiResponse(std::string_view(r.body.constData(), std::size_t(r.body.size())));
        if (!response.error.isEmpty()) {
            problem(response.error);
            return false;
        }
        deliver(response, live);
        ++m_pages;
        if (m_progress) m_progress->addBytes(std::uint64_t(r.body.size()));
        if (!live) status(QStringLiteral("page %1 read, %2 entries").arg(m_pages).arg(m_entries));
        if (response.entries < std::uint64_t(m_limit)) return true;
        std::int64_t newest = startNs;
        for (const LokiStream& s : response.streams)
            for (const LokiEntry& e : s.entries)
                newest = std::max(newest, e.ns);
        // The next page starts at this one's newest entry, inclusive: more entries may share
        // that nanosecond. A full page that brought nothing new (more entries on one instant
        // than a page holds, or a server that rounds `start` down, as qryn does to the
        // millisecond) asks for twice as many entries from the same start, or, beyond what the
        // server allows, moves on by a step that doubles until something new comes.
        if (m_entries > before) {
            step = 1;
            startNs = newest > startNs ? newest : startNs + 1;
        } else if (!m_limitRefused && m_limit < 100'000) {
            m_limit *= 2; // the same start again, a longer page reaching past the instant
        } else {
            startNs = std::max(newest, startNs) + step;
            step = std::min<std::int64_t>(step * 2, 1'000'000'000);
        }
        if (startNs >= endNs) return true;
    }
}

bool LokiProducer::readHistory(SourceTable& sources, std::int64_t sinceUs, const std::atomic<bool>* cancel,
                               ScanProgress* progress, const Sink& sink) {
    m_sink = sink;
    m_cancel = cancel;
    m_progress = progress;
    m_streams = std::make_unique<LokiStreamTable>(sources, m_target);
    m_historyEndNs = nowNs();
    const std::int64_t seconds =
        m_target.sinceSeconds > 0 ? m_target.sinceSeconds : m_options.defaultHistorySeconds;
    const std::int64_t startNs =
        sinceUs != kNoTime ? sinceUs * 1000 : m_historyEndNs - seconds * 1000000000LL;
    status(QStringLiteral("connecting"));
    if (progress) progress->setListed(0, 0, 0);
    const bool ok = readRange(startNs, m_historyEndNs, false);
    if (ok)
        status(QStringLiteral("%1 entries in %2 streams read").arg(m_entries).arg(m_streams->streamCount()));
    m_progress = nullptr;
    return ok || m_entries > 0;
}

void LokiProducer::finish() {
    if (m_streams) m_streams->commitOpen(m_sink);
    m_finished = true;
    m_pollTimer.stop();
    m_reconnectTimer.stop();
    if (m_tail) m_tail->abort();
}

void LokiProducer::startFollowing(const Sink& sink) {
    m_sink = sink;
    m_interrupted = false;
    if (!m_streams) return;
    connectTail();
}

void LokiProducer::connectTail() {
    if (cancelled()) return;
    if (m_polling) {
        m_pollTimer.start();
        return;
    }
    if (m_tail) m_tail->deleteLater();
    m_tail = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_tailOpened = false;
    QUrl url = endpoint("/loki/api/v1/tail");
    url.setScheme(m_target.base.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                                   : QStringLiteral("ws"));
    const std::int64_t from = std::max(m_dedup.newestNs(), m_historyEndNs) - kOverlapNs;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("query"),
                       QString::fromLatin1(QUrl::toPercentEncoding(m_target.selector)));
    query.addQueryItem(QStringLiteral("start"), QString::number(from));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_limit));
    url.setQuery(query);
    QNetworkRequest request(url);
    const QByteArray auth = m_target.authorization();
    if (!auth.isEmpty()) request.setRawHeader("Authorization", auth);
    if (!m_target.orgId.isEmpty()) request.setRawHeader("X-Scope-OrgID", m_target.orgId.toUtf8());
    connect(m_tail, &QWebSocket::connected, this, [this] {
        m_tailOpened = true;
        m_reconnects = 0;
        status(QStringLiteral("following live"));
    });
    connect(m_tail, &QWebSocket::textMessageReceived, this, [this](const QString& message) {
        const QByteArray bytes = message.toUtf8();
        const LokiResponse response =
            parseLokiResponse(std::string_view(bytes.constData(), std::size_t(bytes.size())));
        if (!response.error.isEmpty()) return;
        if (response.dropped > 0)
            status(QStringLiteral("the server dropped %1 entries from the live tail").arg(response.dropped));
        deliver(response, true);
    });
    QWebSocket* socket = m_tail;
    connect(m_tail, &QWebSocket::disconnected, this, [this, socket] {
        if (socket == m_tail) onTailClosed();
    });
    m_tail->open(request);
}

void LokiProducer::onTailClosed() {
    if (cancelled()) return;
    if (!m_tailOpened && m_reconnects == 0) {
        // Refused at once (no WebSocket support, a proxy, or the tail disabled): poll instead.
        m_polling = true;
        status(QStringLiteral("live tail refused (%1), polling every %2 s")
                   .arg(m_tail->errorString())
                   .arg(m_options.pollIntervalMs / 1000.0));
        m_pollTimer.start();
        return;
    }
    const int delay = std::min(m_options.firstRetryMs << std::min(m_reconnects, 6), 30000);
    ++m_reconnects;
    status(QStringLiteral("live tail lost, reconnecting in %1 s").arg(delay / 1000.0));
    m_reconnectTimer.start(delay);
}

void LokiProducer::catchUpAndReconnect() {
    if (cancelled()) return;
    // What was written while disconnected, then the tail again from a little before now.
    const std::int64_t from = std::max(m_dedup.newestNs(), m_historyEndNs) - kOverlapNs;
    m_busy = true;
    const bool ok = readRange(from, nowNs(), true);
    m_busy = false;
    if (!ok && !cancelled()) {
        const int delay = std::min(m_options.firstRetryMs << std::min(m_reconnects++, 6), 30000);
        m_reconnectTimer.start(delay);
        return;
    }
    connectTail();
}

void LokiProducer::pollOnce() {
    if (m_busy || cancelled()) return;
    m_busy = true;
    const std::int64_t from = std::max(m_dedup.newestNs(), m_historyEndNs) - kOverlapNs;
    readRange(from, nowNs(), true);
    m_busy = false;
}

ProducerFactory lokiProducerFactory(std::function<LokiCredentials(const QString& root)> credentials) {
    return [credentials](const QString& root, QString* error) -> std::unique_ptr<EntryProducer> {
        LokiTarget target;
        if (!LokiTarget::parse(root, &target, error)) return nullptr;
        target.takeCredentialsFromEnvironment();
        if (credentials) {
            const LokiCredentials given = credentials(root);
            if (!given.empty()) target.credentials = given;
        }
        return std::make_unique<LokiProducer>(target);
    };
}

} // namespace vigil
