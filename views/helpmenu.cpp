#include "helpmenu.h"

#include "alerts/alerticons.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace vigil {

namespace {
void collectShortcuts(QMenu* menu, const QString& path, QTableWidget* table) {
    for (QAction* action : menu->actions()) {
        if (action->menu()) {
            collectShortcuts(action->menu(), path + QStringLiteral(" › ") + action->menu()->title(), table);
            continue;
        }
        if (action->shortcut().isEmpty()) continue;
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(action->shortcut().toString(QKeySequence::NativeText)));
        QString text = path + QStringLiteral(" › ") + action->text();
        table->setItem(row, 1, new QTableWidgetItem(text.remove(QLatin1Char('&'))));
    }
}

void showShortcuts(QMainWindow* window) {
    QDialog dialog(window);
    dialog.setObjectName(QStringLiteral("shortcutsDialog"));
    dialog.setWindowTitle(QObject::tr("Keyboard shortcuts"));
    auto* layout = new QVBoxLayout(&dialog);
    auto* table = new QTableWidget(0, 2, &dialog);
    table->setHorizontalHeaderLabels({QObject::tr("Keys"), QObject::tr("Action")});
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (QAction* top : window->menuBar()->actions())
        if (top->menu()) collectShortcuts(top->menu(), top->menu()->title().remove(QLatin1Char('&')), table);
    table->resizeColumnToContents(0);
    layout->addWidget(table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(520, 420);
    dialog.exec();
}

void showAbout(QMainWindow* window) {
    QMessageBox box(window);
    box.setObjectName(QStringLiteral("aboutDialog"));
    box.setWindowTitle(QObject::tr("About Vigil"));
    box.setIconPixmap(vigilIcon().pixmap(64, 64));
    box.setTextFormat(Qt::RichText);
    box.setText(QObject::tr("<h3>Vigil %1</h3>"
                            "<p>Watches the logs of every instance of a deployment: one filterable table, "
                            "live latency and error-rate charts, threshold alerts in the tray.</p>"
                            "<p>Released under the MIT licence.<br>Built with Qt %2, running on Qt %3.</p>")
                    .arg(QCoreApplication::applicationVersion(), QStringLiteral(QT_VERSION_STR),
                         QString::fromLatin1(qVersion())));
    box.exec();
}
} // namespace

QString userGuidePath() {
    for (const QString& dir :
         {QStringLiteral(VIGIL_INSTALLED_DOC_DIR), QStringLiteral(VIGIL_SOURCE_DOC_DIR)}) {
        const QString path = dir + QStringLiteral("/user-guide.html");
        if (QFileInfo::exists(path)) return path;
        const QString markdown = dir + QStringLiteral("/user-guide.md");
        if (QFileInfo::exists(markdown)) return markdown;
    }
    return {};
}

QMenu* addHelpMenu(QMainWindow* window) {
    QMenu* help = window->menuBar()->addMenu(QObject::tr("&Help"));
    QAction* keys =
        help->addAction(QObject::tr("&Keyboard shortcuts"), window, [window] { showShortcuts(window); });
    keys->setObjectName(QStringLiteral("showShortcuts"));
    keys->setShortcut(QKeySequence(QStringLiteral("Ctrl+/")));
    QAction* guide = help->addAction(QObject::tr("&User guide"), window, [window] {
        const QString path = userGuidePath();
        if (path.isEmpty() || !QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
            QMessageBox::information(window, QObject::tr("User guide"),
                                     path.isEmpty() ? QObject::tr("The user guide is not installed.")
                                                    : QObject::tr("No program here opens %1.").arg(path));
    });
    guide->setObjectName(QStringLiteral("userGuide"));
    guide->setShortcut(QKeySequence::HelpContents);
    help->addSeparator();
    help->addAction(QObject::tr("&About Vigil"), window, [window] { showAbout(window); })
        ->setObjectName(QStringLiteral("aboutVigil"));
    help->addAction(QObject::tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setObjectName(QStringLiteral("aboutQt"));
    return help;
}

} // namespace vigil
