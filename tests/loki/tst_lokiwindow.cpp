// The window opened on a Loki server lists the deployment's instances in its sidebar and
// fills its table, as it does for a folder. The server is VIGIL_TEST_LOKI_ROOT when set
// (the integration test points it at a real Loki API server holding the samples), else a
// server on loopback inside this test, holding three instances.

#include "fakeloki.h"

#include "views/mainwindow.h"
#include "views/sources/lokiopendialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>

#include <QAbstractItemModel>
#include <QDateTime>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace vigil;

namespace {
QStringList allTexts(const QAbstractItemModel* model, const QModelIndex& parent = QModelIndex()) {
    QStringList out;
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex i = model->index(r, 0, parent);
        out << i.data().toString();
        out << allTexts(model, i);
    }
    return out;
}
} // namespace

class TestLokiWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;

  private Q_SLOTS:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    }

    void sidebarListsTheInstances() {
        FakeLoki server;
        QString root = qEnvironmentVariable("VIGIL_TEST_LOKI_ROOT");
        QStringList expected =
            qEnvironmentVariable("VIGIL_TEST_LOKI_INSTANCES").split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (root.isEmpty()) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000LL;
            for (const char* instance : {"eco-backend", "octollm-orchestrator", "dchat"})
                for (int i = 0; i < 5; ++i)
                    server.add({{QLatin1String(instance), now - 60'000'000'000LL + i,
                                 QStringLiteral("2024-01-04 10:00:0%1 - api - INFO - entry %1").arg(i)}});
            root = server.root(QStringLiteral("?selector=%7Bjob%3D%22api%22%7D"));
            expected = QStringList{QStringLiteral("eco-backend"), QStringLiteral("octollm-orchestrator"),
                                   QStringLiteral("dchat")};
        }
        MainWindow window;
        window.show();
        window.openRoots({root});
        QTRY_VERIFY_WITH_TIMEOUT(window.workspace() && window.workspace()->ingest().initialScanDone(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(window.workspace()->table().rowCount() > 0, 10000);
        QAbstractItemModel* sidebar = window.sidebar()->model();
        for (const QString& instance : expected)
            QTRY_VERIFY2_WITH_TIMEOUT(
                allTexts(sidebar).join(QLatin1Char('\n')).contains(instance),
                qPrintable(instance + QStringLiteral(" not in ") + allTexts(sidebar).join(QLatin1Char(' '))),
                10000);
        QVERIFY(window.windowTitle().contains(QLatin1String("loki://")));
        QVERIFY(window.workspace()->ingest().problems().empty());
    }

    void dialogGivesARootWithoutCredentials() {
        LokiOpenDialog dialog;
        auto* url = dialog.findChild<QLineEdit*>(QStringLiteral("lokiUrl"));
        auto* selector = dialog.findChild<QLineEdit*>(QStringLiteral("lokiSelector"));
        auto* open = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Open);
        url->setText(QStringLiteral("/var/log"));
        QVERIFY(!open->isEnabled()); // not a Loki URL
        url->setText(QStringLiteral("lokis://logs.example:8443"));
        selector->setText(QStringLiteral("{namespace=\"prod\", app=~\"api|worker\"}"));
        QVERIFY(open->isEnabled());
        auto* auth = dialog.findChildren<QComboBox*>().at(1);
        auth->setCurrentIndex(1);
        const QList<QLineEdit*> edits = dialog.findChildren<QLineEdit*>();
        for (QLineEdit* e : edits)
            if (e->echoMode() == QLineEdit::Password && e->isVisibleTo(&dialog))
                e->setText(QStringLiteral("tok-123"));
        const LokiTarget t = dialog.target();
        QCOMPARE(t.credentials.bearerToken, QStringLiteral("tok-123"));
        QCOMPARE(t.sinceSeconds, qint64(3600));
        QVERIFY(!t.root().contains(QLatin1String("tok-123")));
        LokiTarget back;
        QVERIFY(LokiTarget::parse(t.root(), &back, nullptr));
        QCOMPARE(back.selector, t.selector);
        QCOMPARE(back.base.scheme(), QStringLiteral("https"));
        if (qEnvironmentVariableIsSet("VIGIL_LOKI_DIALOG_PNG")) {
            dialog.show();
            QTest::qWait(100);
            dialog.grab().save(qEnvironmentVariable("VIGIL_LOKI_DIALOG_PNG"));
        }
    }

    void deadServerIsAProblemNotAFreeze() {
        MainWindow window;
        window.show();
        QElapsedTimer clock;
        clock.start();
        window.openRoots({QStringLiteral("loki://127.0.0.1:1/?selector=%7Bjob%3D%22api%22%7D")});
        QVERIFY(clock.elapsed() < 1000); // opening returns at once: the ingest thread waits, not the window
        QTRY_VERIFY_WITH_TIMEOUT(window.workspace(), 10000); // after the keyring was asked for credentials
        QTRY_VERIFY_WITH_TIMEOUT(!window.workspace()->ingest().problems().empty(), 30000);
        QVERIFY(
            window.workspace()->ingest().problems().front().message.contains(QLatin1String("cannot reach")));
    }
};

QTEST_MAIN(TestLokiWindow)
#include "tst_lokiwindow.moc"
