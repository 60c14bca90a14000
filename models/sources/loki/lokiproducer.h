#pragma once
// Reads one Loki deployment as Vigil reads a folder: its history through query_range
// (direction=forward, paged by time, the entries on a page's boundary let through once,
// 429 and 5xx retried with backoff, a too-large page halved) and then, following, new
// entries through the tail WebSocket, reconnecting with a catch-up query, or by polling
// query_range when the server refuses the tail. Everything runs on the thread that calls
// it, in its own event loops, so a slow or dead server holds up no window.

#include "lokideduplicator.h"
#include "lokistreamtable.h"
#include "lokitarget.h"

#include "models/ingest/entryproducer.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;
class QWebSocket;

namespace vigil {

struct LokiProducerOptions {
    int pageLimit = 5000;   // Loki's default max_entries_limit_per_query
    int maxAttempts = 6;    // per request, for 429, 5xx and failed connections
    int firstRetryMs = 500; // doubled per attempt, at most maxRetryMs
    int maxRetryMs = 16000;
    int requestTimeoutMs = 30000;
    int pollIntervalMs = 1000;                 // when the tail is refused
    int commitQuietMs = 1000;                  // an open entry is committed after this long without news
    std::int64_t defaultHistorySeconds = 3600; // without --since, as Loki's own default
};

class LokiProducer final : public QObject, public EntryProducer {
    Q_OBJECT
  public:
    explicit LokiProducer(LokiTarget target, LokiProducerOptions options = LokiProducerOptions());
    ~LokiProducer() override;

    bool readHistory(SourceTable& sources, std::int64_t sinceUs, const std::atomic<bool>* cancel,
                     ScanProgress* progress, const Sink& sink) override;
    void startFollowing(const Sink& sink) override;
    void finish() override;
    std::uint64_t bytesRead() const override { return m_streams ? m_streams->bytes() : 0; }

    bool polling() const { return m_polling; }
    std::uint64_t pagesRead() const { return m_pages; }
    std::uint64_t entriesRead() const { return m_entries; }

  private:
    struct Reply {
        int status = 0; // HTTP status; 0: no answer
        QByteArray body;
        QString error;
        int retryAfterSeconds = -1;
    };
    Reply get(const QUrl& url);
    Reply getWithRetry(const QUrl& url);
    bool readRange(std::int64_t startNs, std::int64_t endNs, bool live);
    void deliver(const LokiResponse& response, bool live);
    void connectTail();
    void onTailClosed();
    void catchUpAndReconnect();
    void pollOnce();
    void wait(int ms);
    bool cancelled() const;
    void status(const QString& text);
    void problem(const QString& text);
    QString describe(const Reply& r) const;
    QUrl endpoint(const char* path) const;

    LokiTarget m_target;
    LokiProducerOptions m_options;
    Sink m_sink;
    const std::atomic<bool>* m_cancel = nullptr;
    ScanProgress* m_progress = nullptr;
    QNetworkAccessManager* m_network = nullptr;
    std::unique_ptr<LokiStreamTable> m_streams;
    LokiDeduplicator m_dedup;
    int m_limit = 0;
    bool m_limitRefused = false; // the server refused a page as too large
    std::uint64_t m_pages = 0, m_entries = 0;
    std::int64_t m_historyEndNs = 0;
    QWebSocket* m_tail = nullptr;
    bool m_tailOpened = false, m_polling = false, m_busy = false, m_finished = false, m_interrupted = false;
    int m_reconnects = 0;
    QTimer m_commitTimer, m_pollTimer, m_reconnectTimer;
};

// The factory LiveIngest and the commands are given: loki:// and lokis:// roots, with the
// credentials of the environment, or those `credentials` holds for a root (the window's).
ProducerFactory
lokiProducerFactory(std::function<LokiCredentials(const QString& root)> credentials = nullptr);

} // namespace vigil
