// The log table over a quarter of a million entries, driven through its widgets: its scroll
// bar spans every row, the last row shows the last entry, selection, keys and the wheel speak
// in the full result's rows, following keeps the newest row in view, and the table's inner
// view never holds more than a window of rows (its header costs nothing per entry).

#include "models/logtablemodel.h"
#include "models/rowwindowmodel.h"
#include "models/workspace.h"
#include "views/detailpane.h"
#include "views/filterbar.h"
#include "views/logtableview.h"
#include "views/mainwindow.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace vigil;

namespace {
constexpr int kEntries = 250'000;
// One entry a second: the row of entry n (from 1) is n - 1.
const QDateTime kStart(QDate(2025, 11, 10), QTime(0, 0), Qt::UTC);

QByteArray lines(int from, int count) {
    QByteArray out;
    for (int n = from; n < from + count; ++n) {
        const QString when = kStart.addSecs(n).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        out += QStringLiteral("%1 - [alpha] - app.worker - %2 - handled request %3\n")
                   .arg(when, QLatin1String(n % 17 == 0 ? "ERROR" : "INFO"))
                   .arg(n)
                   .toUtf8();
    }
    return out;
}
} // namespace

class TestLogTableView : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings, m_root;
    QString m_log;
    int m_written = 0;

    void append(int count) {
        QFile file(m_log);
        QVERIFY(file.open(QIODevice::Append));
        file.write(lines(m_written + 1, count));
        m_written += count;
    }
    void open(MainWindow& w) {
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openRoots({m_root.path()});
        QTRY_COMPARE_WITH_TIMEOUT(w.table()->model()->rowCount(), m_written, 60000);
        QTRY_VERIFY(!w.filterBar()->pending() && w.workspace()->table().settled());
    }
    // The message the table shows at a viewport y, read from its inner view as painted.
    static QString messageAt(LogTableView* table, int y) {
        const int x = table->horizontalHeader()->sectionViewportPosition(LogTableModel::MessageColumn) + 4;
        return table->body()->indexAt(QPoint(x, y)).data().toString();
    }
    static QString request(int row) { return QStringLiteral("handled request %1").arg(row + 1); }
    static int bottomY(LogTableView* table) {
        return table->rowsInViewport() * table->verticalHeader()->defaultSectionSize() - 2;
    }
    static void checkWindowOnly(LogTableView* table) {
        // The inner view holds a window of rows, not one header record per entry.
        QVERIFY2(table->body()->verticalHeader()->count() < 2000,
                 qPrintable(QString::number(table->body()->verticalHeader()->count())));
        QCOMPARE(table->body()->model()->rowCount(), table->rowWindow()->size());
    }

  private Q_SLOTS:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName(QStringLiteral("VigilTest"));
        QVERIFY(QDir().mkpath(m_root.filePath(QStringLiteral("instances/alpha/logs"))));
        m_log = m_root.filePath(QStringLiteral("instances/alpha/logs/app.log"));
        append(kEntries);
    }

    void scrollsOverEveryRow() {
        MainWindow w;
        open(w);
        LogTableView* table = w.table();
        checkWindowOnly(table);
        QScrollBar* bar = table->verticalScrollBar();
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->maximum(), m_written - table->rowsInViewport());
        QCOMPARE(bar->pageStep(), table->rowsInViewport());

        // The last row shows the last entry.
        bar->setValue(bar->maximum());
        QCOMPARE(table->rowAt(bottomY(table)), m_written - 1);
        QCOMPARE(messageAt(table, bottomY(table)), request(m_written - 1));
        checkWindowOnly(table);

        // Anywhere in the middle, the row at the top is the row the bar names.
        bar->setValue(123'456);
        QCOMPARE(table->rowAt(1), 123'456);
        QCOMPARE(messageAt(table, 1), request(123'456));
        table->scrollTo(table->model()->index(200'000, 0), QAbstractItemView::PositionAtTop);
        QCOMPARE(bar->value(), 200'000);
        QCOMPARE(messageAt(table, 1), request(200'000));

        // The wheel scrolls rows through window after window.
        const int before = bar->value();
        const QPoint at(50, 50);
        for (int k = 0; k < 300; ++k) {
            QWheelEvent wheel(at, table->viewport()->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(table->viewport(), &wheel);
        }
        QCoreApplication::processEvents();
        const int moved = bar->value() - before;
        QCOMPARE(moved, 300 * QApplication::wheelScrollLines());
        QCOMPARE(table->rowAt(1), bar->value());
        QCOMPARE(messageAt(table, 1), request(bar->value()));
        QCOMPARE(messageAt(table, bottomY(table)), request(bar->value() + table->rowsInViewport() - 1));
        checkWindowOnly(table);
    }

    void selectsInFullRows() {
        MainWindow w;
        open(w);
        LogTableView* table = w.table();
        LogTableModel& model = w.workspace()->table();
        table->setFocus();

        // Row N of the result is entry N, shown, selected and in the detail pane.
        table->selectRow(150'000);
        QCOMPARE(table->currentIndex().row(), 150'000);
        QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
        QTRY_VERIFY(w.detail()->hasEntry() && w.detail()->entry() == model.entryAt(150'000));
        const QRect shown = table->visualRect(table->model()->index(150'000, LogTableModel::MessageColumn));
        QVERIFY(shown.top() >= 0 && shown.bottom() < table->viewport()->height());
        QCOMPARE(messageAt(table, shown.center().y()), request(150'000));
        const QModelIndex painted = table->body()->indexAt(shown.center());
        QVERIFY(table->body()->selectionModel()->isRowSelected(painted.row()));

        // A click selects the row under the mouse.
        const int rowHeight = table->verticalHeader()->defaultSectionSize();
        table->verticalScrollBar()->setValue(40'000);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, QPoint(60, 5 * rowHeight + rowHeight / 2));
        QCOMPARE(table->currentIndex().row(), 40'005);
        QTRY_VERIFY(w.detail()->entry() == model.entryAt(40'005));

        // Shift+click far below, the anchor long out of the window: every row between.
        table->verticalScrollBar()->setValue(90'000);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                          QPoint(60, 2 * rowHeight + rowHeight / 2));
        QCOMPARE(table->currentIndex().row(), 90'002);
        QCOMPARE(table->selectionModel()->selectedRows().size(), 90'002 - 40'005 + 1);

        // Ctrl+click far away adds a row; the rows selected before stay selected.
        table->verticalScrollBar()->setValue(200'000);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          QPoint(60, 1 * rowHeight + rowHeight / 2));
        QCOMPARE(table->currentIndex().row(), 200'001);
        QCOMPARE(table->selectionModel()->selectedRows().size(), 90'002 - 40'005 + 2);
        QVERIFY(table->selectionModel()->isRowSelected(40'005));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          QPoint(60, 1 * rowHeight + rowHeight / 2));
        QVERIFY(!table->selectionModel()->isRowSelected(200'001));

        // Ctrl+A selects every row; a plain move selects one row again, everywhere.
        QTest::keyClick(table->body(), Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(table->selectionModel()->selectedRows().size(), m_written);
        QTest::keyClick(table->body(), Qt::Key_Down);
        QCOMPARE(table->currentIndex().row(), 200'002);
        QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
        table->verticalScrollBar()->setValue(10);
        QVERIFY(!table->body()->selectionModel()->hasSelection()); // nothing selected up here
    }

    void keysMoveOverEveryRow() {
        MainWindow w;
        open(w);
        LogTableView* table = w.table();
        table->setFocus();
        table->selectRow(0);
        QTest::keyClick(table->body(), Qt::Key_End);
        QCOMPARE(table->currentIndex().row(), m_written - 1);
        QCOMPARE(table->rowAt(bottomY(table)), m_written - 1);
        QCOMPARE(messageAt(table, bottomY(table)), request(m_written - 1));
        QTest::keyClick(table->body(), Qt::Key_Home);
        QCOMPARE(table->currentIndex().row(), 0);
        QCOMPARE(table->verticalScrollBar()->value(), 0);
        QTest::keyClick(table->body(), Qt::Key_PageDown);
        QCOMPARE(table->currentIndex().row(), table->rowsInViewport());

        // Down, row after row, past the window's end many times.
        table->selectRow(1000);
        const int capacity = table->rowWindow()->capacity();
        for (int k = 0; k < 2 * capacity; ++k)
            QTest::keyClick(table->body(), Qt::Key_Down);
        QCoreApplication::processEvents();
        const int row = 1000 + 2 * capacity;
        QCOMPARE(table->currentIndex().row(), row);
        QCOMPARE(table->rowAt(bottomY(table)), row); // scrolled just enough, as a table does
        QCOMPARE(messageAt(table, bottomY(table)), request(row));
        QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
        for (int k = 0; k < table->rowsInViewport() + 3; ++k)
            QTest::keyClick(table->body(), Qt::Key_Up);
        QCOMPARE(table->rowAt(1), row - table->rowsInViewport() - 3);

        // Shift+End selects from the current row to the last one.
        table->selectRow(10);
        QTest::keyClick(table->body(), Qt::Key_End, Qt::ShiftModifier);
        QCOMPARE(table->currentIndex().row(), m_written - 1);
        QCOMPARE(table->selectionModel()->selectedRows().size(), m_written - 10);
        QTest::keyClick(table->body(), Qt::Key_Home, Qt::ShiftModifier);
        QCOMPARE(table->selectionModel()->selectedRows().size(), 11);
        checkWindowOnly(table);
    }

    void followKeepsTheNewestRowInView() {
        MainWindow w;
        open(w);
        LogTableView* table = w.table();
        QScrollBar* bar = table->verticalScrollBar();
        table->setFocus();
        // A log written a moment ago opens following; F follows otherwise.
        if (!table->following()) QTest::keyClick(table, Qt::Key_F);
        QVERIFY(table->following());
        QTRY_COMPARE(bar->value(), bar->maximum());

        // Appended entries arrive at the bottom and stay in view.
        append(300);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), m_written, 20000);
        QTRY_COMPARE(bar->value(), bar->maximum());
        QCOMPARE(table->rowAt(bottomY(table)), m_written - 1);
        QCOMPARE(messageAt(table, bottomY(table)), request(m_written - 1));
        QVERIFY(!table->followPaused());

        // Scrolled up into the middle: new entries do not move the rows read.
        bar->setValue(100'000);
        QVERIFY(table->followPaused());
        append(300);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), m_written, 20000);
        QCOMPARE(bar->value(), 100'000);
        QCOMPARE(messageAt(table, 1), request(100'000));
        QCOMPARE(bar->maximum(), m_written - table->rowsInViewport());

        // Back at the bottom, following resumes.
        bar->setValue(bar->maximum());
        QVERIFY(!table->followPaused());
        append(300);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), m_written, 20000);
        QTRY_COMPARE(messageAt(table, bottomY(table)), request(m_written - 1));
        checkWindowOnly(table);
    }
};

QTEST_MAIN(TestLogTableView)
#include "tst_logtableview.moc"
