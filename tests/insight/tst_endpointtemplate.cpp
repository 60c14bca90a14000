// Endpoint templates: ids in request paths fold into {id}, words stay, and a deployment
// whose every request names another user keeps a handful of endpoints.

#include "deploymentwriter.h"

#include "models/ingest/scanner.h"
#include "models/metrics/endpointtemplate.h"
#include "models/metrics/metricsmodel.h"
#include "models/query/entryfields.h"
#include "models/query/textaccess.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vigil;

class TestEndpointTemplate : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void templates_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("number") << "/v1/users/8123/orders"
                                << "/v1/users/{id}/orders";
        QTest::newRow("uuid") << "/v1/sessions/3f2b8c1e-9a4d-4e0b-8f6a-1c2d3e4f5a6b"
                              << "/v1/sessions/{id}";
        QTest::newRow("hex") << "/blobs/9f86d081884c7d65"
                             << "/blobs/{id}";
        QTest::newRow("token") << "/v1/requests/req_9f3a2b7c1d/cancel"
                               << "/v1/requests/{id}/cancel";
        QTest::newRow("query dropped") << "/v1/users/42?page=2"
                                       << "/v1/users/{id}";
        QTest::newRow("extension kept") << "/v1/reports/77.json"
                                        << "/v1/reports/{id}.json";
        QTest::newRow("words stay") << "/v1/chat/completions"
                                    << "/v1/chat/completions";
        QTest::newRow("versions stay") << "/v2beta/oauth2/token"
                                       << "/v2beta/oauth2/token";
        QTest::newRow("word of hex letters") << "/feed/deadbeef"
                                             << "/feed/deadbeef";
        QTest::newRow("root") << "/"
                              << "/";
    }
    void templates() {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        std::string out;
        QCOMPARE(QString::fromStdString(std::string(endpointTemplate(path.toStdString(), out))), expected);
    }

    // 3 instances × 500 requests, each to /v1/users/<random id>/orders: one endpoint, not
    // hundreds, and the entry keeps the path as written.
    void deploymentStaysBounded() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(test::writeDeployment(
            dir.path(),
            {{QStringLiteral("a"), 500}, {QStringLiteral("b"), 500}, {QStringLiteral("c"), 500}}));
        EntryStore store;
        const ScanOutcome outcome = scanInto(store, {dir.path()});
        QCOMPARE(outcome.readableRoots, 1);
        QCOMPARE(store.size(), std::uint64_t(1500));
        QCOMPARE(store.endpoints().size(), 2u); // "" and the template
        QCOMPARE(QString::fromUtf8(store.endpoints().text(1).data(), int(store.endpoints().text(1).size())),
                 QStringLiteral("GET /v1/users/{id}/orders"));

        MetricsModel metrics;
        metrics.ingest(store, store.beginIndex(), store.endIndex());
        const auto stats = metrics.endpointStats(TimeRange::everything());
        QCOMPARE(stats.size(), std::size_t(1));
        QCOMPARE(stats[0].tally.count, std::uint64_t(1500));

        std::string text;
        QVERIFY(store.readText(store.beginIndex(), text));
        QVERIFY(QRegularExpression(QStringLiteral("GET /v1/users/\\d+/orders"))
                    .match(QString::fromStdString(text))
                    .hasMatch());
    }
};

QTEST_GUILESS_MAIN(TestEndpointTemplate)
#include "tst_endpointtemplate.moc"
