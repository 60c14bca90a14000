#pragma once
// Writes a live demo deployment into a folder: several instances logging in the seed
// formats (Python text with tracebacks and EVENT payloads, structlog and tracing JSON,
// Flask JSON, the coloured console), with periodic latency spikes and error bursts so the
// table, charts and alerts have something to show. Deterministic for a given seed.

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <random>
#include <vector>

namespace vigil {

class DemoWriter : public QObject {
    Q_OBJECT
  public:
    explicit DemoWriter(const QString& folder, quint32 seed = 7, QObject* parent = nullptr);
    ~DemoWriter() override;

    // Writes `seconds` of past activity ending now, at `perSecond` entries per second.
    void writeHistory(int seconds, int perSecond = 20);
    // Keeps writing `perSecond` entries per second (spread over ticks of `tickMs`).
    void start(int perSecond = 20, int tickMs = 100);
    void stop();
    // Starts an error burst now, lasting `seconds`, besides the periodic ones (call it on
    // the thread the writer lives on).
    void startErrorBurst(int seconds);

    QString folder() const { return m_folder; }
    quint64 written() const { return m_written; }
    // The files it writes, relative to the folder.
    static QStringList relativePaths();

  Q_SIGNALS:
    void wrote(int entries);

  private:
    struct Sink;
    void writeAt(const QDateTime& time);
    void tick();
    bool inSpike(const QDateTime& t) const;
    bool inBurst(const QDateTime& t) const;

    QString m_folder;
    std::mt19937 m_random;
    std::vector<std::unique_ptr<Sink>> m_sinks;
    QTimer m_timer;
    int m_perTick = 2;
    quint64 m_written = 0;
    QDateTime m_lastTick;
    QDateTime m_burstUntil;
};

} // namespace vigil
