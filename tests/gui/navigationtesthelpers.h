#pragma once
// Shared steps of the navigation GUI tests: a second root copied from the samples, waiting
// for the window's query to settle, and reading what the table shows.

#include "../query/samplefiles.h"

#include "views/filterbar.h"
#include "views/logtableview.h"
#include "views/mainwindow.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QtTest>

namespace navtest {

// Copies the sample deployment below `into`; returns the copy's root.
inline QString copySamples(const QString& into) {
    const QString root = QDir(into).filePath(QStringLiteral("deployment-copy"));
    QDirIterator it(samples::root(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString to = root + from.mid(samples::root().size());
        QDir().mkpath(QFileInfo(to).absolutePath());
        QFile::copy(from, to);
    }
    return root;
}

inline void settle(vigil::MainWindow& w) {
    QTRY_VERIFY(!w.filterBar()->pending() && w.workspace()->table().settled());
}

inline int shownRows(vigil::MainWindow& w) {
    return w.table()->model()->rowCount();
}

inline int currentRow(vigil::MainWindow& w) {
    return w.table()->currentIndex().isValid() ? w.table()->currentIndex().row() : -1;
}

inline QString cell(vigil::MainWindow& w, int row, int column) {
    return w.table()->model()->index(row, column).data().toString();
}

// Opens roots in a shown window and waits until every entry is in the table.
inline void openAndSettle(vigil::MainWindow& w, const QStringList& roots, int entries) {
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.openRoots(roots);
    QTRY_COMPARE(shownRows(w), entries);
    settle(w);
}

} // namespace navtest
