// Renders the main window on the sample deployment with a traceback selected and saves
// it as a PNG: vigil_screenshot OUT.png [WIDTH HEIGHT] [--dark] [--search TEXT] [--fields EXPR]
// [--root DIR] [--trace ID] [--bookmarks N].
// Run offscreen or under Xvfb; --dark renders with a dark Fusion palette to check the level
// colours on it; --search and --fields type into the filter bar first; --root opens another
// deployment than the samples; --trace follows a request id as a click on it does;
// --bookmarks bookmarks the first N errors and shows the Bookmarks list.

#include "views/charts/chartspanel.h"
#include "views/chartsdocks.h"
#include "views/detailpane.h"
#include "views/filterbar.h"
#include "views/logtableview.h"
#include "views/mainwindow.h"
#include "views/navigator.h"

#include "models/bookmarkmodel.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPalette>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextStream>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (argc < 2) {
        QTextStream(stderr) << "usage: vigil_screenshot OUT.png [WIDTH HEIGHT]\n";
        return 2;
    }
    QTemporaryDir settings; // a clean layout, not the user's
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    const int width = argc > 3 ? atoi(argv[2]) : 1500, height = argc > 3 ? atoi(argv[3]) : 900;
    if (app.arguments().contains(QStringLiteral("--dark"))) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2e));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x20));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x29));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x38));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        QApplication::setPalette(dark);
    }

    vigil::MainWindow window;
    window.resize(width, height);
    window.show();
    const QStringList args = app.arguments();
    auto option = [&args](const char* name) {
        const int at = args.indexOf(QString::fromLatin1(name));
        return at >= 0 && at + 1 < args.size() ? args[at + 1] : QString();
    };
    window.openRoots({option("--root").isEmpty() ? QStringLiteral(VIGIL_SHARED_DIR "/samples/deployment")
                                                 : option("--root")});
    QElapsedTimer timer;
    timer.start();
    auto& model = window.workspace()->table();
    while (timer.elapsed() < 10000 &&
           !(window.workspace()->ingest().initialScanDone() && model.settled() && model.rowCount() > 0))
        app.processEvents(QEventLoop::AllEvents, 20);
    if (!option("--search").isEmpty()) window.filterBar()->searchEdit()->setText(option("--search"));
    if (!option("--fields").isEmpty()) window.filterBar()->fieldEdit()->setText(option("--fields"));
    timer.restart();
    while (timer.elapsed() < 400 || window.filterBar()->pending() || !model.settled())
        app.processEvents(QEventLoop::AllEvents, 20);
    if (!option("--trace").isEmpty()) window.followCorrelationId(option("--trace"));
    timer.restart();
    while (timer.elapsed() < 400 || !model.settled())
        app.processEvents(QEventLoop::AllEvents, 20);
    // The first entry with a traceback, a little way down so rows show above it.
    std::string text;
    for (int row = 0; row < model.rowCount(); ++row) {
        const vigil::EntryIndex e = model.entryAt(row);
        if ((row > 12 || model.rowCount() < 40) && (model.store().flags(e) & vigil::FlagMultiLine) &&
            model.store().level(e) == vigil::Level::Error) {
            window.selectEntry(e);
            break;
        }
    }
    // Bookmarks on the errors around the selected entry, so that the table shows their marks.
    const int bookmarks = option("--bookmarks").toInt();
    if (bookmarks && window.detail()->hasEntry()) {
        const int selected = model.rowOf(window.detail()->entry());
        for (int row = std::max(0, selected - 4), marked = 0; row < model.rowCount() && marked < bookmarks;
             ++row)
            if (vigil::isErrorOrAbove(model.store().level(model.entryAt(row))) &&
                window.navigator()->bookmarks()->toggle(model.entryAt(row)))
                ++marked;
        window.navigator()->action(vigil::Navigator::ShowBookmarks)->trigger();
    }
    // The samples span seconds: the whole window shows them best.
    if (vigil::ChartsPanel* charts = window.charts()->panel()) charts->setWindow(vigil::ChartWindow::All);
    // Let the coalesced counts (sidebar, status bar) and the charts catch up.
    timer.restart();
    while (timer.elapsed() < 1200)
        app.processEvents(QEventLoop::AllEvents, 20);
    if (!window.grab().save(QString::fromLocal8Bit(argv[1]))) {
        QTextStream(stderr) << "cannot write " << argv[1] << '\n';
        return 1;
    }
    return 0;
}
