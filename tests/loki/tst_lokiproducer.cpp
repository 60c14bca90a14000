// The Loki producer against a server on loopback that answers as Loki's API documents:
// paging by time with the boundary entries read once, retries on 429 and 503 (honouring
// Retry-After), a too-large page halved, authentication refused in clear words with no
// secret repeated, and live entries through the tail or, when it is refused, by polling,
// none lost or doubled across a dropped tail.

#include "fakeloki.h"

#include "models/sources/loki/lokiproducer.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

#include <map>
#include <set>

using namespace vigil;

namespace {

qint64 nowNs() {
    return QDateTime::currentMSecsSinceEpoch() * 1000000LL;
}

std::vector<FakeEntry> makeEntries(const QString& prefix, int count, qint64 firstNs, qint64 stepNs = 1000) {
    std::vector<FakeEntry> out;
    for (int i = 0; i < count; ++i)
        out.push_back({i % 2 ? QStringLiteral("api-1") : QStringLiteral("api-2"), firstNs + i * stepNs,
                       QStringLiteral("2024-01-04 10:00:00 - mod - INFO - %1 %2").arg(prefix).arg(i)});
    return out;
}

struct Received {
    std::map<std::uint32_t, std::shared_ptr<const ByteSource>> bytes;
    std::multiset<std::string> texts;
    QStringList statuses, problems;
    EntryProducer::Sink sink() {
        EntryProducer::Sink s;
        s.sourceAdded = [this](FileId id, std::shared_ptr<const ByteSource> b) { bytes[id.value] = b; };
        s.batch = [this](EntryBatch&& b) {
            for (std::size_t i = 0; i < b.size(); ++i) {
                std::string text;
                bytes[b.file.value]->read(b.offset[i], b.length[i], text);
                texts.insert(text);
            }
        };
        s.status = [this](const QString& t) { statuses << t; };
        s.problem = [this](const IngestError& e) { problems << e.message; };
        return s;
    }
    bool eachOnce(const std::vector<FakeEntry>& entries) const {
        if (texts.size() != entries.size()) return false;
        for (const FakeEntry& e : entries)
            if (texts.count(e.line.toStdString()) != 1) return false;
        return true;
    }
};

LokiProducerOptions fast() {
    LokiProducerOptions o;
    o.firstRetryMs = 10;
    o.pollIntervalMs = 100;
    o.commitQuietMs = 50;
    return o;
}

std::unique_ptr<LokiProducer> producerFor(const FakeLoki& server, LokiProducerOptions options = fast(),
                                          const QString& query = QString()) {
    LokiTarget target;
    if (!LokiTarget::parse(server.root(query), &target, nullptr)) qFatal("bad root");
    return std::make_unique<LokiProducer>(target, options);
}

} // namespace

class TestLokiProducer : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void pagesByTimeReadingBoundariesOnce() {
        FakeLoki server;
        const qint64 t0 = nowNs() - 60'000'000'000LL;
        server.add(makeEntries(QStringLiteral("a"), 23, t0));
        // Four entries on one nanosecond, across a page boundary.
        std::vector<FakeEntry> same = makeEntries(QStringLiteral("same"), 4, t0 + 5'500, 0);
        server.add(same);
        LokiProducerOptions options = fast();
        options.pageLimit = 5;
        auto producer = producerFor(server, options);
        SourceTable sources;
        Received got;
        QVERIFY(producer->readHistory(sources, (t0 - 1000) / 1000, nullptr, nullptr, got.sink()));
        producer->finish();
        QVERIFY(got.eachOnce(server.entries));
        QVERIFY(server.queries.size() >= 6);
        for (const QUrlQuery& q : server.queries)
            QCOMPARE(q.queryItemValue(QStringLiteral("direction")), QStringLiteral("forward"));
        QCOMPARE(sources.size(), 2u); // a source per stream
        QVERIFY(got.problems.isEmpty());
    }

    void streamsInAnyOrderLoseNothing() {
        // One instance wrote a minute ago, the other just now; the answer lists the newer first.
        FakeLoki server;
        FakeLoki::s_newestStreamFirst = true;
        std::vector<FakeEntry> entries = makeEntries(QStringLiteral("now"), 1, nowNs() - 2'000'000);
        entries[0].instance = QStringLiteral("api-new");
        server.add(makeEntries(QStringLiteral("old"), 6, nowNs() - 60'000'000'000LL));
        server.add(entries);
        auto producer = producerFor(server);
        SourceTable sources;
        Received got;
        QVERIFY(producer->readHistory(sources, kNoTime, nullptr, nullptr, got.sink()));
        producer->finish();
        FakeLoki::s_newestStreamFirst = false;
        QVERIFY(got.eachOnce(server.entries));
    }

    void serverRoundingStartDownLosesNothing() {
        // qryn reads `start` to the millisecond: ten entries a millisecond, five a page.
        FakeLoki server;
        server.floorStartToMs = true;
        const qint64 t0 = (nowNs() - 60'000'000'000LL) / 1'000'000 * 1'000'000;
        server.add(makeEntries(QStringLiteral("dense"), 25, t0, 100'000));
        LokiProducerOptions options = fast();
        options.pageLimit = 5;
        auto producer = producerFor(server, options);
        SourceTable sources;
        Received got;
        QVERIFY(producer->readHistory(sources, (t0 - 1000) / 1000, nullptr, nullptr, got.sink()));
        producer->finish();
        QVERIFY(got.eachOnce(server.entries));
        QVERIFY(server.queries.size() < 40);
    }

    void retriesRateLimitsAndServerErrors() {
        FakeLoki server;
        server.add(makeEntries(QStringLiteral("r"), 3, nowNs() - 1'000'000'000LL));
        server.failures = {{429, "too many outstanding requests"}, {503, "unavailable"}};
        server.retryAfterSeconds = 0;
        auto producer = producerFor(server);
        SourceTable sources;
        Received got;
        QVERIFY(producer->readHistory(sources, kNoTime, nullptr, nullptr, got.sink()));
        producer->finish();
        QVERIFY(got.eachOnce(server.entries));
        QVERIFY(got.statuses.join(QLatin1Char('\n')).contains(QLatin1String("rate limited")));
        QVERIFY(got.statuses.join(QLatin1Char('\n')).contains(QLatin1String("server error 503")));
    }

    void halvesPagesBeyondTheServersLimit() {
        FakeLoki server;
        server.maxLimit = 1000;
        server.add(makeEntries(QStringLiteral("l"), 3, nowNs() - 1'000'000'000LL));
        auto producer = producerFor(server);
        SourceTable sources;
        Received got;
        QVERIFY(producer->readHistory(sources, kNoTime, nullptr, nullptr, got.sink()));
        producer->finish();
        QVERIFY(got.eachOnce(server.entries));
        QVERIFY(server.queries.back().queryItemValue(QStringLiteral("limit")).toInt() <= 1000);
    }

    void saysWhenAuthenticationFails() {
        FakeLoki server;
        server.failures = {{401, "no org id"}};
        LokiTarget target;
        QVERIFY(LokiTarget::parse(server.root(QStringLiteral("?org_id=acme")), &target, nullptr));
        target.credentials.bearerToken = QStringLiteral("s3cr3t-token");
        LokiProducer producer(target, fast());
        SourceTable sources;
        Received got;
        QVERIFY(!producer.readHistory(sources, kNoTime, nullptr, nullptr, got.sink()));
        QCOMPARE(got.problems.size(), 1);
        QVERIFY(got.problems[0].contains(QLatin1String("authentication failed")));
        QCOMPARE(server.authorizations.value(0), QByteArray("Bearer s3cr3t-token"));
        QCOMPARE(server.tenants.value(0), QByteArray("acme"));
        QCOMPARE(server.queries.size(), std::size_t(1)); // not retried
        QVERIFY(!(got.statuses + got.problems).join(QLatin1Char(' ')).contains(QLatin1String("s3cr3t")));
    }

    void pollsWhenTheTailIsRefused() {
        FakeLoki server;
        server.add(makeEntries(QStringLiteral("h"), 4, nowNs() - 2'000'000'000LL));
        auto producer = producerFor(server);
        SourceTable sources;
        Received got;
        QVERIFY(producer->readHistory(sources, kNoTime, nullptr, nullptr, got.sink()));
        producer->startFollowing(got.sink());
        QTRY_VERIFY(producer->polling());
        server.add(makeEntries(QStringLiteral("live"), 6, nowNs()));
        QTRY_VERIFY_WITH_TIMEOUT(got.eachOnce(server.entries), 10000);
        QTest::qWait(400); // more polls overlap the same entries
        producer->finish();
        QVERIFY(got.eachOnce(server.entries));
    }

    void tailReconnectsWithoutLossOrDoubles() {
        FakeLoki server;
        server.refuseTail = false;
        server.add(makeEntries(QStringLiteral("h"), 4, nowNs() - 2'000'000'000LL));
        auto producer = producerFor(server);
        SourceTable sources;
        Received got;
        QVERIFY(producer->readHistory(sources, kNoTime, nullptr, nullptr, got.sink()));
        producer->startFollowing(got.sink());
        QTRY_COMPARE(server.tailConnections, 1);
        server.add(makeEntries(QStringLiteral("live"), 5, nowNs()));
        QTRY_VERIFY_WITH_TIMEOUT(got.eachOnce(server.entries), 10000);
        server.dropTails();
        // Written while no tail is open: the catch-up query brings them.
        server.add(makeEntries(QStringLiteral("gap"), 5, nowNs()));
        QTRY_VERIFY_WITH_TIMEOUT(server.tailConnections == 2, 10000);
        server.add(makeEntries(QStringLiteral("after"), 5, nowNs()));
        QTRY_VERIFY_WITH_TIMEOUT(got.eachOnce(server.entries), 10000);
        QVERIFY(!producer->polling());
        producer->finish();
        QVERIFY(got.eachOnce(server.entries));
    }

    void deadServerIsSaidQuickly() {
        FakeLoki server;
        const QString root = server.root();
        LokiTarget target;
        QVERIFY(LokiTarget::parse(root, &target, nullptr));
        target.base.setPort(1); // nothing listens there
        LokiProducer producer(target, fast());
        SourceTable sources;
        Received got;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!producer.readHistory(sources, kNoTime, nullptr, nullptr, got.sink()));
        QVERIFY(clock.elapsed() < 10000);
        QVERIFY(got.problems.value(0).contains(QLatin1String("cannot reach")));
    }
};

QTEST_GUILESS_MAIN(TestLokiProducer)
#include "tst_lokiproducer.moc"
