// The status bar says how many entries are not held once the memory limit evicted some,
// and says nothing of it before. Its counts and state change several times a second while
// a deployment opens without laying out the window again.
#include "views/statuspanel.h"

#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QStatusBar>
#include <QtTest>

namespace {
// Counts the layout requests a widget receives.
class LayoutRequests : public QObject {
  public:
    int count = 0;
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::LayoutRequest) ++count;
        return false;
    }
};
} // namespace

using namespace vigil;

class TestStatusPanel : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void saysHowManyEntriesAreNotHeld() {
        StatusPanel panel;
        panel.setCounts(5'000'000, 4'000'000, 0, 9);
        QVERIFY(!panel.countsLabel()->text().contains(QStringLiteral("not held")));
        panel.setCounts(5'000'000, 4'000'000, 0, 9, 1'048'576);
        const QString text = panel.countsLabel()->text();
        QVERIFY2(text.contains(QLocale().toString(1'048'576)) && text.contains(QStringLiteral("not held")),
                 qPrintable(text));
    }

    void changingTextsLayOutNothing() {
        QMainWindow window;
        auto* panel = new StatusPanel;
        window.statusBar()->addWidget(panel, 1);
        window.resize(900, 300);
        panel->setCounts(1'000'000, 900'000, 5000, 9);
        panel->setState(QStringLiteral("Reading 1 of 9 files"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCoreApplication::processEvents();
        LayoutRequests requests;
        window.installEventFilter(&requests);
        panel->installEventFilter(&requests);
        for (int i = 0; i < 20; ++i) {
            // Counts of the same number of digits, and states of any length.
            panel->setCounts(1'000'000 + i * 7919, 900'000 + i * 13, 5000 + i, 9);
            panel->setState(QStringLiteral("Reading %1 of 9 files%2")
                                .arg(i % 9 + 1)
                                .arg(QString(i * 3, QLatin1Char('.'))));
            QCoreApplication::processEvents();
        }
        QCOMPARE(requests.count, 0);
        QCOMPARE(panel->stateText(), QStringLiteral("Reading 2 of 9 files") + QString(57, QLatin1Char('.')));
    }
};

QTEST_MAIN(TestStatusPanel)
#include "tst_statuspanel.moc"
