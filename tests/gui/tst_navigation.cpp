// The navigation a log reader expects, driven through the main window's real widgets and
// keys on the sample deployment and on a second root copied from it: next/previous error
// and warning, find in the shown entries, bookmarks (kept across restarts and rotation),
// back/forward through filters, saved views, and following a request id as a timeline.

#include "navigationtesthelpers.h"

#include "models/bookmarkmodel.h"
#include "views/backgroundsettings.h"
#include "views/bookmarksdock.h"
#include "views/detailpane.h"
#include "views/findbar.h"
#include "views/logtabledelegate.h"
#include "views/navigator.h"
#include "views/statuspanel.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>

using namespace vigil;
using namespace navtest;

class TestNavigation : public QObject {
    Q_OBJECT
    QTemporaryDir m_settings;
    QJsonObject m_expected;
    QStringList m_lines;
    int m_total = 0;

    int level(const char* name) {
        return m_expected[QStringLiteral("levels")].toObject()[QString::fromLatin1(name)].toInt();
    }
    QModelIndex rootIndex(MainWindow& w, const QString& path) {
        QAbstractItemModel* m = w.sidebar()->model();
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->index(r, 0).data().toString().contains(QFileInfo(path).fileName())) return m->index(r, 0);
        return {};
    }
    bool allInstancesChecked(MainWindow& w) {
        QAbstractItemModel* m = w.sidebar()->model();
        for (int r = 0; r < m->rowCount(); ++r) {
            const QModelIndex root = m->index(r, 0);
            if (root.data(Qt::CheckStateRole).toInt() != Qt::Checked) return false;
            for (int c = 0; c < m->rowCount(root); ++c)
                if (m->index(c, 0, root).data(Qt::CheckStateRole).toInt() != Qt::Checked) return false;
        }
        return true;
    }
    // Presses a key until the current row stops moving; returns the rows visited, in order.
    QList<int> pressUntilStuck(MainWindow& w, int key, Qt::KeyboardModifiers mods = {}) {
        QList<int> visited;
        for (int guard = 0; guard < 5000; ++guard) {
            const int before = currentRow(w);
            QTest::keyClick(w.table(), Qt::Key(key), mods);
            const int now = currentRow(w);
            if (now == before) break;
            visited << now;
        }
        return visited;
    }
    // Makes one row current and the only one selected, as a click does.
    void selectOnly(MainWindow& w, int row) {
        w.table()->selectionModel()->setCurrentIndex(w.table()->model()->index(row, 0),
                                                     QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    }
    QAction* namedAction(MainWindow& w, const QString& name) {
        for (QAction* a : w.findChildren<QAction*>())
            if (a->objectName() == name) return a;
        return nullptr;
    }

  private Q_SLOTS:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName(QStringLiteral("VigilNavigationTest"));
        m_expected = samples::expected();
        m_lines = samples::allLines();
        m_total = m_expected[QStringLiteral("entries")].toInt();
    }

    // Following a request id shows every entry of it whatever was filtered before: search
    // text, level toggles, instances and time range all give way; Back restores them.
    void followingAnIdShowsAllOfItsEntries() {
        QTemporaryDir dir;
        const QString copy = copySamples(dir.path());
        MainWindow w;
        openAndSettle(w, {samples::root(), copy}, 2 * m_total);
        const QString id = QStringLiteral("task-42890");
        const int idEntries = samples::countLines(m_lines, id);
        QCOMPARE(idEntries, 2); // an ERROR and an INFO entry in the samples

        // A filter that hides most of them: a search only the ERROR one matches, INFO off,
        // the copy's instances unticked, the last 15 minutes.
        QTest::keyClicks(w.filterBar()->searchEdit(), QStringLiteral("\"duration_ms\":1835"));
        QTest::mouseClick(w.filterBar()->levelButton(Level::Info), Qt::LeftButton);
        QAbstractItemModel* instances = w.sidebar()->model();
        QTRY_VERIFY(rootIndex(w, copy).isValid());
        instances->setData(rootIndex(w, copy), Qt::Unchecked, Qt::CheckStateRole);
        w.filterBar()->timeRange()->setCurrentIndex(2);
        Q_EMIT w.filterBar()->timeRange()->activated(2);
        settle(w);
        const int before = shownRows(w);
        int row = -1;
        for (int r = 0; r < before && row < 0; ++r)
            if (w.workspace()->table().entryText(w.workspace()->table().entryAt(r)).contains(id)) row = r;
        QVERIFY(row >= 0);
        selectOnly(w, row);
        QTRY_VERIFY(w.detail()->hasEntry());
        const QRegularExpressionMatch link = QRegularExpression(QStringLiteral("href=\"([^\"]*%1)\"").arg(id))
                                                 .match(w.detail()->idsLabel()->text());
        QVERIFY2(link.hasMatch(), qPrintable(w.detail()->idsLabel()->text()));
        Q_EMIT w.detail()->idsLabel()->linkActivated(
            link.captured(1).replace(QStringLiteral("&amp;"), QStringLiteral("&")));
        settle(w);

        // Every entry of the id, in both roots, at every level, and every control says so.
        QCOMPARE(shownRows(w), 2 * idEntries);
        QCOMPARE(w.filterBar()->searchEdit()->text(), QString());
        QCOMPARE(w.filterBar()->fieldEdit()->text(), QStringLiteral("id=") + id);
        QVERIFY(w.filterBar()->levelButton(Level::Info)->isChecked());
        QCOMPARE(w.filterBar()->timeRange()->currentIndex(), 0);
        QVERIFY(allInstancesChecked(w));
        QSet<QString> levels;
        for (int r = 0; r < shownRows(w); ++r) {
            levels << cell(w, r, LogTableModel::LevelColumn);
            if (r)
                QVERIFY(cell(w, r - 1, LogTableModel::TimeColumn) <= cell(w, r, LogTableModel::TimeColumn));
        }
        QCOMPARE(levels, (QSet<QString>{QStringLiteral("ERROR"), QStringLiteral("INFO")}));

        // The gap column shows how far apart the steps are, from the files' own timestamps.
        QVERIFY(!w.table()->horizontalHeader()->isSectionHidden(LogTableModel::GapColumn));
        QList<QDateTime> stamps;
        for (const QString& line : m_lines)
            if (line.contains(id))
                stamps << QDateTime::fromString(
                    QRegularExpression(QStringLiteral("\"timestamp\":\"([^\"]+)\"")).match(line).captured(1),
                    Qt::ISODateWithMs);
        std::sort(stamps.begin(), stamps.end());
        const qint64 gapMs = stamps.front().msecsTo(stamps.back());
        QStringList gaps;
        for (int r = 0; r < shownRows(w); ++r)
            gaps << cell(w, r, LogTableModel::GapColumn);
        QVERIFY2(gaps.contains(QStringLiteral("+%1 ms").arg(gapMs)), qPrintable(gaps.join(QLatin1Char('|'))));

        // Back: the filter before, every control as it was; Forward: the request again.
        w.table()->setFocus();
        QTest::keyClick(w.table(), Qt::Key_Left, Qt::AltModifier);
        settle(w);
        QCOMPARE(shownRows(w), before);
        QCOMPARE(w.filterBar()->searchEdit()->text(), QStringLiteral("\"duration_ms\":1835"));
        QVERIFY(!w.filterBar()->levelButton(Level::Info)->isChecked());
        QCOMPARE(w.filterBar()->timeRange()->currentIndex(), 2);
        QCOMPARE(rootIndex(w, copy).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(w.table()->horizontalHeader()->isSectionHidden(LogTableModel::GapColumn));
        QTest::keyClick(w.table(), Qt::Key_Right, Qt::AltModifier);
        settle(w);
        QCOMPARE(shownRows(w), 2 * idEntries);
        QVERIFY(allInstancesChecked(w));
    }

    // A request across three instances of a deployment (a gateway, the orchestrator and
    // the model server) reads as a timeline, from any of its entries.
    void followingAnIdAcrossInstances() {
        const QString root = QStringLiteral(VIGIL_TEST_DATA "/traced-request");
        const QString id = QStringLiteral("req_7f3a9c2e41d8b605");
        QStringList lines, idLines;
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            for (const QByteArray& line : f.readAll().split('\n'))
                if (line.contains(id.toUtf8())) idLines << QString::fromUtf8(line);
        }
        MainWindow w;
        openAndSettle(w, {root}, 22);
        // Reading only the gateway's received requests, DEBUG off.
        QTest::keyClicks(w.filterBar()->searchEdit(), QStringLiteral("received"));
        QTest::mouseClick(w.filterBar()->levelButton(Level::Debug), Qt::LeftButton);
        settle(w);
        int row = -1;
        for (int r = 0; r < shownRows(w); ++r)
            if (w.workspace()->table().entryText(w.workspace()->table().entryAt(r)).contains(id)) row = r;
        QVERIFY(row >= 0);
        // The id's link in the detail pane of the gateway's entry.
        selectOnly(w, row);
        QTRY_VERIFY(w.detail()->hasEntry());
        const QRegularExpressionMatch link = QRegularExpression(QStringLiteral("href=\"([^\"]*%1)\"").arg(id))
                                                 .match(w.detail()->idsLabel()->text());
        QVERIFY2(link.hasMatch(), qPrintable(w.detail()->idsLabel()->text()));
        Q_EMIT w.detail()->idsLabel()->linkActivated(
            link.captured(1).replace(QStringLiteral("&amp;"), QStringLiteral("&")));
        settle(w);
        QCOMPARE(shownRows(w), int(idLines.size()));
        QSet<QString> instances, levels;
        for (int r = 0; r < shownRows(w); ++r) {
            instances << cell(w, r, LogTableModel::InstanceColumn);
            levels << cell(w, r, LogTableModel::LevelColumn);
        }
        QCOMPARE(instances,
                 (QSet<QString>{QStringLiteral("eco-backend"), QStringLiteral("octollm-orchestrator"),
                                QStringLiteral("local-llm")}));
        QCOMPARE(levels, (QSet<QString>{QStringLiteral("DEBUG"), QStringLiteral("INFO"),
                                        QStringLiteral("WARNING"), QStringLiteral("ERROR")}));
        // The first step has no gap; the next, 45.101 → 45.109: "+8 ms".
        QCOMPARE(cell(w, 0, LogTableModel::GapColumn), QString());
        QCOMPARE(cell(w, 0, LogTableModel::TimeColumn).right(6), QStringLiteral("45.101"));
        QCOMPARE(cell(w, 1, LogTableModel::GapColumn), QStringLiteral("+8 ms"));
        QCOMPARE(w.filterBar()->fieldEdit()->cursorPosition(), 0);
    }

    // A column layout saved before the gap column existed keeps it hidden (and the rest).
    void olderLayoutKeepsTheGapHidden() {
        QStandardItemModel older(1, LogTableModel::GapColumn);
        QTableView view;
        view.setModel(&older);
        view.horizontalHeader()->resizeSection(LogTableModel::LoggerColumn, 77);
        QSettings().setValue(QStringLiteral("table/header"), view.horizontalHeader()->saveState());
        QSettings().remove(QStringLiteral("table/columns"));
        {
            MainWindow w;
            openAndSettle(w, {samples::root()}, m_total);
            QHeaderView* header = w.table()->horizontalHeader();
            QVERIFY(header->isSectionHidden(LogTableModel::GapColumn));
            QCOMPARE(header->sectionSize(LogTableModel::LoggerColumn), 77);
        }
        QSettings().remove(QStringLiteral("table"));
    }

    void stepsThroughErrorsAndWarnings() {
        QTemporaryDir dir;
        const QString copy = copySamples(dir.path());
        for (const QStringList& roots : {QStringList{samples::root()}, QStringList{samples::root(), copy}}) {
            MainWindow w;
            openAndSettle(w, roots, int(roots.size()) * m_total);
            w.table()->setFocus();
            // E from the top visits every error below, top to bottom, then stays on the last.
            // (Focus may have made the first row current: start there, whatever it is.)
            selectOnly(w, 0);
            auto levelAt = [&w](int row) {
                return static_cast<Level>(
                    w.table()->model()->index(row, 0).data(LogTableModel::LevelRole).toInt());
            };
            const QList<int> errors = pressUntilStuck(w, Qt::Key_E);
            QCOMPARE(int(errors.size()), int(roots.size()) * (level("ERROR") + level("CRITICAL")) -
                                             (isErrorOrAbove(levelAt(0)) ? 1 : 0));
            QVERIFY(std::is_sorted(errors.begin(), errors.end()));
            for (int r : errors)
                QVERIFY(isErrorOrAbove(static_cast<Level>(
                    w.table()->model()->index(r, 0).data(LogTableModel::LevelRole).toInt())));
            QVERIFY(w.statusPanel()->findChildren<QLabel*>().size() > 0);
            // Shift+E walks back up through the same rows, and on to row 0 when it is one.
            // (Entries of two roots at one instant may come in either order, so row 0 varies.)
            const bool firstIsError = isErrorOrAbove(levelAt(0));
            const QList<int> back = pressUntilStuck(w, Qt::Key_E, Qt::ShiftModifier);
            QCOMPARE(int(back.size()), int(errors.size()) - 1 + (firstIsError ? 1 : 0));
            QCOMPARE(back.last(), firstIsError ? 0 : errors.first());
            // W and Shift+W: warnings, from where the selection is.
            selectOnly(w, 0);
            const QList<int> warnings = pressUntilStuck(w, Qt::Key_W);
            QCOMPARE(int(warnings.size()),
                     int(roots.size()) * level("WARNING") - (levelAt(0) == Level::Warning ? 1 : 0));
            for (int r : warnings)
                QCOMPARE(cell(w, r, LogTableModel::LevelColumn), QStringLiteral("WARNING"));
            QCOMPARE(int(pressUntilStuck(w, Qt::Key_W, Qt::ShiftModifier).size()),
                     int(warnings.size()) - 1 + (levelAt(0) == Level::Warning ? 1 : 0));
            // The keys are shown in the Go menu, which comes before Help (still last).
            QCOMPARE(w.navigator()->action(Navigator::NextError)->shortcut(), QKeySequence(Qt::Key_E));
            const QList<QAction*> menus = w.menuBar()->actions();
            QCOMPARE(menus.last()->text(), QStringLiteral("&Help"));
            QCOMPARE(menus[menus.size() - 3]->text(), QStringLiteral("&Go"));
        }
    }

    // Find (/) steps through the shown entries that contain a text, hiding none.
    void findsMatchesWithoutFiltering() {
        QTemporaryDir dir;
        const QString copy = copySamples(dir.path());
        MainWindow w;
        openAndSettle(w, {samples::root(), copy}, 2 * m_total);
        const QString needle = QStringLiteral("timed out");
        QList<int> expected;
        for (int r = 0; r < shownRows(w); ++r)
            if (w.workspace()
                    ->table()
                    .entryText(w.workspace()->table().entryAt(r))
                    .contains(needle, Qt::CaseInsensitive))
                expected << r;
        QVERIFY(expected.size() > 2);

        w.table()->setFocus();
        QTest::keyClick(w.table(), Qt::Key_Slash);
        FindBar* bar = w.navigator()->findBar();
        QVERIFY(bar->isVisible());
        QTRY_VERIFY(bar->edit()->hasFocus());
        QTest::keyClicks(bar->edit(), needle);
        QTest::keyClick(bar->edit(), Qt::Key_Return);
        QTRY_COMPARE(currentRow(w), expected.first());
        QCOMPARE(bar->statusLabel()->text(), QStringLiteral("1 of %1").arg(expected.size()));
        QCOMPARE(shownRows(w), 2 * m_total); // nothing hidden
        QVERIFY(
            w.table()->delegate()->findHighlight().match(QStringLiteral("upstream Timed Out")).hasMatch());
        // F3 from anywhere goes on; Shift+F3 goes back.
        w.table()->setFocus();
        QList<int> visited{currentRow(w)};
        visited << pressUntilStuck(w, Qt::Key_F3);
        QCOMPARE(visited, expected);
        QCOMPARE(bar->statusLabel()->text(), QStringLiteral("%1 of %1").arg(expected.size()));
        QTest::keyClick(w.table(), Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(currentRow(w), expected[expected.size() - 2]);
        // Esc in the bar closes it and leaves the filters alone.
        bar->edit()->setFocus();
        QTest::keyClick(bar->edit(), Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
        QVERIFY(w.table()->delegate()->findHighlight().pattern().isEmpty());
        QCOMPARE(shownRows(w), 2 * m_total);
    }

    void bookmarksPersistAcrossRestartsAndRotation() {
        QSettings().remove(QStringLiteral("bookmarks"));
        QTemporaryDir dir;
        const QString copy = copySamples(dir.path());
        QStringList messages;
        QString rotated;
        {
            MainWindow w;
            openAndSettle(w, {copy}, m_total);
            w.table()->setFocus();
            for (int row : {10, 200}) {
                selectOnly(w, row);
                QTest::keyClick(w.table(), Qt::Key_B, Qt::ControlModifier);
                messages << cell(w, row, LogTableModel::MessageColumn);
            }
            BookmarkModel* marks = w.navigator()->bookmarks();
            QCOMPARE(marks->rowCount(), 2);
            // The list: time, instance and message of each, in time order.
            QTest::keyClick(w.table(), Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
            QTRY_VERIFY(w.navigator()->bookmarksDock()->isVisible());
            QTableView* list = w.navigator()->bookmarksDock()->list();
            QCOMPARE(list->model()->rowCount(), 2);
            for (int i = 0; i < 2; ++i) {
                const int row = i ? 200 : 10;
                QCOMPARE(list->model()->index(i, BookmarkModel::TimeColumn).data().toString(),
                         cell(w, row, LogTableModel::TimeColumn));
                QCOMPARE(list->model()->index(i, BookmarkModel::InstanceColumn).data().toString(),
                         cell(w, row, LogTableModel::InstanceColumn));
                QCOMPARE(list->model()->index(i, BookmarkModel::MessageColumn).data().toString(),
                         messages[i]);
            }
            // The mark: a bar at the left edge of a bookmarked row, none on the others.
            w.table()->scrollTo(w.table()->model()->index(10, 0), QAbstractItemView::PositionAtTop);
            w.table()->clearSelection();
            QApplication::processEvents();
            const QImage shot = w.table()->viewport()->grab().toImage();
            const int y10 = w.table()->rowViewportPosition(10) + w.table()->rowHeight(10) / 2;
            const int y11 = w.table()->rowViewportPosition(11) + w.table()->rowHeight(11) / 2;
            QCOMPARE(shot.pixelColor(2, y10), QColor(0x1e, 0x5e, 0xd8));
            QVERIFY(shot.pixelColor(2, y11) != QColor(0x1e, 0x5e, 0xd8));

            // F2 and Shift+F2 go from bookmark to bookmark.
            selectOnly(w, 0);
            QTest::keyClick(w.table(), Qt::Key_F2);
            QCOMPARE(currentRow(w), 10);
            QTest::keyClick(w.table(), Qt::Key_F2);
            QCOMPARE(currentRow(w), 200);
            QTest::keyClick(w.table(), Qt::Key_F2);
            QCOMPARE(currentRow(w), 200);
            QTest::keyClick(w.table(), Qt::Key_F2, Qt::ShiftModifier);
            QCOMPARE(currentRow(w), 10);

            // Clicking one the filter hides shows everything again, with it selected.
            const EntryIndex second = marks->entryAt(1);
            w.filterBar()->searchEdit()->setText(QStringLiteral("no entry has this text"));
            settle(w);
            QCOMPARE(shownRows(w), 0);
            QTest::mouseClick(
                list->viewport(), Qt::LeftButton, {},
                list->visualRect(list->model()->index(1, BookmarkModel::MessageColumn)).center());
            settle(w);
            QCOMPARE(shownRows(w), m_total);
            QTRY_COMPARE(w.workspace()->table().entryAt(currentRow(w)), second);
            const EntryStore& store = w.workspace()->store();
            rotated = store.sources()[store.file(second)].absolutePath;
        }
        // Rotation renames the second bookmark's file; the bookmarks come back after a restart.
        QVERIFY(QFile::rename(rotated, rotated + QStringLiteral(".1")));
        MainWindow w;
        openAndSettle(w, {copy}, m_total);
        BookmarkModel* marks = w.navigator()->bookmarks();
        QTRY_COMPARE(marks->rowCount(), 2);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(marks->index(i, BookmarkModel::MessageColumn).data().toString(), messages[i]);
        QCOMPARE(
            w.workspace()->store().sources()[w.workspace()->store().file(marks->entryAt(1))].absolutePath,
            rotated + QStringLiteral(".1"));
        // Toggling again removes it, from the list and from the settings.
        w.selectEntry(marks->entryAt(0));
        w.table()->setFocus();
        QTest::keyClick(w.table(), Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(marks->rowCount(), 1);
        waitForBackgroundSettings(); // written off the GUI thread
        QCOMPARE(QSettings().value(QStringLiteral("bookmarks/entries")).toList().size(), 1);
    }

    void backAndForwardThroughFilters_data() {
        QTest::addColumn<bool>("twoRoots");
        QTest::newRow("samples") << false;
        QTest::newRow("samples and a copy") << true;
    }

    void backAndForwardThroughFilters() {
        QFETCH(bool, twoRoots);
        QTemporaryDir dir;
        const QStringList roots =
            twoRoots ? QStringList{samples::root(), copySamples(dir.path())} : QStringList{samples::root()};
        MainWindow w;
        openAndSettle(w, roots, int(roots.size()) * m_total);
        QAction* back = w.navigator()->action(Navigator::Back);
        QAction* forward = w.navigator()->action(Navigator::Forward);
        QCOMPARE(back->shortcut(), QKeySequence(Qt::ALT | Qt::Key_Left));
        QVERIFY(!back->isEnabled());
        QList<int> counts{shownRows(w)};
        // Three steps: a level, a search typed in two bursts (one step), an instance.
        QTest::mouseClick(w.filterBar()->levelButton(Level::Debug), Qt::LeftButton);
        settle(w);
        counts << shownRows(w);
        QTest::keyClicks(w.filterBar()->searchEdit(), QStringLiteral("req"));
        settle(w);
        QTest::keyClicks(w.filterBar()->searchEdit(), QStringLiteral("uest"));
        settle(w);
        counts << shownRows(w);
        QAbstractItemModel* instances = w.sidebar()->model();
        const QModelIndex root = instances->index(0, 0);
        instances->setData(instances->index(0, 0, root), Qt::Unchecked, Qt::CheckStateRole);
        settle(w);
        counts << shownRows(w);
        QCOMPARE(int(w.navigator()->history().size()), 4);
        QVERIFY(counts[3] < counts[2] && counts[2] < counts[1] && counts[1] < counts[0]);

        w.table()->setFocus();
        for (int step = 2; step >= 0; --step) {
            QTest::keyClick(w.table(), Qt::Key_Left, Qt::AltModifier);
            settle(w);
            QCOMPARE(shownRows(w), counts[step]);
        }
        QCOMPARE(w.filterBar()->searchEdit()->text(), QString());
        QVERIFY(w.filterBar()->levelButton(Level::Debug)->isChecked());
        QVERIFY(!back->isEnabled() && forward->isEnabled());
        for (int step = 1; step <= 3; ++step) {
            QTest::keyClick(w.table(), Qt::Key_Right, Qt::AltModifier);
            settle(w);
            QCOMPARE(shownRows(w), counts[step]);
        }
        QCOMPARE(w.filterBar()->searchEdit()->text(), QStringLiteral("request"));
        QCOMPARE(instances->index(0, 0, root).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(back->isEnabled() && !forward->isEnabled());
        // Show in context is a step too: Back returns to the filter before it.
        const EntryIndex entry = w.workspace()->table().entryAt(0);
        Q_EMIT w.detail()->showInContext(entry);
        settle(w);
        QVERIFY(shownRows(w) != counts[3]);
        QTest::keyClick(w.table(), Qt::Key_Left, Qt::AltModifier);
        settle(w);
        QCOMPARE(shownRows(w), counts[3]);
        // A new filter after going back drops the steps ahead, as a browser does.
        QTest::keyClick(w.table(), Qt::Key_Left, Qt::AltModifier);
        settle(w);
        QTest::mouseClick(w.filterBar()->levelButton(Level::Warning), Qt::LeftButton);
        settle(w);
        QVERIFY(!forward->isEnabled());
    }

    // Saved on the samples, applied after a restart to another root (a copy of them).
    void savedViewsSurviveRestart() {
        QSettings().remove(QStringLiteral("views"));
        QTemporaryDir dir;
        const QString copy = copySamples(dir.path());
        int warnings = 0;
        {
            MainWindow w;
            openAndSettle(w, {samples::root()}, m_total);
            for (Level l : {Level::Debug, Level::Info, Level::Error})
                QTest::mouseClick(w.filterBar()->levelButton(l), Qt::LeftButton);
            QTest::keyClicks(w.filterBar()->fieldEdit(), QStringLiteral("logger~auth"));
            settle(w);
            warnings = shownRows(w);
            QVERIFY(warnings > 0 && warnings < level("WARNING"));
            // Filters › Save current view as…: the name typed in the dialog.
            QTimer::singleShot(0, [] {
                auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
                QVERIFY(dialog);
                dialog->setTextValue(QStringLiteral("Auth warnings"));
                dialog->accept();
            });
            QAction* save = nullptr;
            for (QAction* a : w.findChildren<QAction*>())
                if (a->text().startsWith(QStringLiteral("&Save current view"))) save = a;
            QVERIFY(save);
            save->trigger();
            QVERIFY(namedAction(w, QStringLiteral("view:Auth warnings")));
            w.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&w));
            QTest::keyClick(&w, Qt::Key_Escape);
            settle(w);
            QCOMPARE(shownRows(w), m_total);
        }
        MainWindow w;
        openAndSettle(w, {copy}, m_total);
        QAction* apply = namedAction(w, QStringLiteral("view:Auth warnings"));
        QVERIFY(apply);
        apply->trigger();
        settle(w);
        QCOMPARE(shownRows(w), warnings);
        QCOMPARE(w.filterBar()->fieldEdit()->text(), QStringLiteral("logger~auth"));
        QVERIFY(!w.filterBar()->levelButton(Level::Info)->isChecked());
        // Applying is a step of the history like any other.
        w.table()->setFocus();
        QTest::keyClick(w.table(), Qt::Key_Left, Qt::AltModifier);
        settle(w);
        QCOMPARE(shownRows(w), m_total);
        namedAction(w, QStringLiteral("delete:Auth warnings"))->trigger();
        QTRY_VERIFY(!namedAction(w, QStringLiteral("view:Auth warnings")));
        waitForBackgroundSettings();
        QCOMPARE(QSettings().value(QStringLiteral("views/saved")).toMap().size(), 0);
    }
};

QTEST_MAIN(TestNavigation)
#include "tst_navigation.moc"
