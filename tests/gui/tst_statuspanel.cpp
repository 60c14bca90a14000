// The status bar says how many entries are not held once the memory limit evicted some,
// and says nothing of it before.
#include "views/statuspanel.h"

#include <QLabel>
#include <QLocale>
#include <QtTest>

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
};

QTEST_MAIN(TestStatusPanel)
#include "tst_statuspanel.moc"
