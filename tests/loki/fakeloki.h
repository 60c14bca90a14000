#pragma once
// A Loki server on loopback for the producer's tests, answering as Loki's API documents
// what qryn does not show: query_range by time and limit (forward, inclusive start), and
// scripted failures before it (429 with Retry-After, 503, 401, a limit too high). The tail
// socket is refused (404) or accepted, replaying every entry on connect as qryn does, and
// can be dropped to test reconnection.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <deque>
#include <vector>

struct FakeEntry {
    QString instance;
    qint64 ns;
    QString line;
};

class FakeLoki : public QObject {
  public:
    FakeLoki() : m_ws(QStringLiteral("fake"), QWebSocketServer::NonSecureMode) {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection())
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onRequest(s); });
        });
        connect(&m_ws, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket* ws = m_ws.nextPendingConnection()) {
                ws->setParent(this); // the server hands it over without an owner
                ++tailConnections;
                m_tails.push_back(ws);
                send(ws, entries); // qryn replays what it holds
            }
        });
    }
    QString root(const QString& query = QString()) const {
        return QStringLiteral("loki://127.0.0.1:%1/%2").arg(m_server.serverPort()).arg(query);
    }
    // Adds entries (and sends them to open tails).
    void add(const std::vector<FakeEntry>& more) {
        entries.insert(entries.end(), more.begin(), more.end());
        for (QWebSocket* ws : m_tails)
            send(ws, more);
    }
    void dropTails() {
        for (QWebSocket* ws : m_tails) {
            ws->abort();
            ws->deleteLater();
        }
        m_tails.clear();
    }

    std::vector<FakeEntry> entries;
    // Lists the streams of an answer newest first, as a server may (Loki promises no order).
    static inline bool s_newestStreamFirst = false;
    std::deque<std::pair<int, QByteArray>> failures; // (status, body) answered before the real answer
    int retryAfterSeconds = -1;
    int maxLimit = 100000;
    bool floorStartToMs = false; // as qryn does
    bool refuseTail = true;
    int tailConnections = 0;
    std::vector<QUrlQuery> queries;
    QList<QByteArray> authorizations, tenants;

  private:
    static QJsonArray streamsOf(const std::vector<FakeEntry>& list) {
        QJsonObject byInstance;
        std::vector<QString> order;
        std::map<QString, QJsonArray> values;
        for (const FakeEntry& e : list) {
            if (!values.count(e.instance)) order.push_back(e.instance);
            values[e.instance].append(QJsonArray{QString::number(e.ns), e.line});
        }
        QJsonArray streams;
        if (s_newestStreamFirst) std::reverse(order.begin(), order.end());
        for (const QString& i : order)
            streams.append(QJsonObject{
                {QStringLiteral("stream"), QJsonObject{{QStringLiteral("job"), QStringLiteral("api")},
                                                       {QStringLiteral("instance"), i}}},
                {QStringLiteral("values"), values[i]}});
        return streams;
    }
    void send(QWebSocket* ws, const std::vector<FakeEntry>& list) {
        if (list.empty()) return;
        ws->sendTextMessage(
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("streams"), streamsOf(list)}})
                                  .toJson(QJsonDocument::Compact)));
    }
    static QByteArray header(const QByteArray& head, const QByteArray& name) {
        for (const QByteArray& line : head.split('\n'))
            if (line.toLower().startsWith(name.toLower() + ':')) return line.mid(name.size() + 1).trimmed();
        return {};
    }
    void answer(QTcpSocket* s, int status, const QByteArray& body, const QByteArray& extra = {}) {
        s->write("HTTP/1.1 " + QByteArray::number(status) +
                 " X\r\nContent-Type: application/json\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extra + "\r\n" + body);
        s->disconnectFromHost();
    }
    void onRequest(QTcpSocket* s) {
        const QByteArray head = s->peek(65536);
        if (!head.contains("\r\n\r\n")) return;
        disconnect(s, &QTcpSocket::readyRead, this, nullptr);
        const QByteArray target = head.split(' ').value(1);
        const QUrl url(QString::fromLatin1(target));
        authorizations << header(head, "Authorization");
        tenants << header(head, "X-Scope-OrgID");
        if (url.path().endsWith(QLatin1String("/tail"))) {
            if (refuseTail) {
                s->readAll();
                answer(s, 404, "not found");
            } else {
                m_ws.handleConnection(s);
            }
            return;
        }
        s->readAll();
        const QUrlQuery q(url);
        queries.push_back(q);
        if (!failures.empty()) {
            const auto [status, body] = failures.front();
            failures.pop_front();
            answer(s, status, body,
                   retryAfterSeconds >= 0 ? "Retry-After: " + QByteArray::number(retryAfterSeconds) + "\r\n"
                                          : QByteArray());
            return;
        }
        const int limit = q.queryItemValue(QStringLiteral("limit")).toInt();
        if (limit > maxLimit) {
            answer(s, 400,
                   "max entries limit per query exceeded, limit > max_entries_limit (" +
                       QByteArray::number(limit) + " > " + QByteArray::number(maxLimit) + ")");
            return;
        }
        qint64 start = q.queryItemValue(QStringLiteral("start")).toLongLong();
        if (floorStartToMs) start -= start % 1'000'000;
        const qint64 end = q.queryItemValue(QStringLiteral("end")).toLongLong();
        std::vector<FakeEntry> hits;
        for (const FakeEntry& e : entries)
            if (e.ns >= start && e.ns < end) hits.push_back(e);
        std::stable_sort(hits.begin(), hits.end(),
                         [](const FakeEntry& a, const FakeEntry& b) { return a.ns < b.ns; });
        if (int(hits.size()) > limit) hits.resize(std::size_t(limit));
        const QJsonObject data{{QStringLiteral("resultType"), QStringLiteral("streams")},
                               {QStringLiteral("result"), streamsOf(hits)}};
        answer(s, 200,
               QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("success")},
                                         {QStringLiteral("data"), data}})
                   .toJson(QJsonDocument::Compact));
    }

    QTcpServer m_server;
    QWebSocketServer m_ws;
    std::vector<QWebSocket*> m_tails;
};
