#include "savedviewsmenu.h"

#include "backgroundsettings.h"

#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

namespace vigil {

namespace {
const QString kSavedKey = QStringLiteral("views/saved");
}

SavedViewsMenu::SavedViewsMenu(QMenu* menu, std::function<FilterState()> current,
                               std::function<void(const FilterState&)> apply, QObject* parent)
    : QObject(parent), m_menu(menu), m_current(std::move(current)), m_apply(std::move(apply)) {
    waitForBackgroundSettings(); // views another window saved a moment ago
    m_views = SavedViews::fromVariant(QSettings().value(kSavedKey).toMap());
    rebuild();
}

QString SavedViewsMenu::currentName() const {
    const FilterState now = m_current();
    for (const QString& name : m_views.names())
        if (*m_views.find(name) == now) return name;
    return {};
}

void SavedViewsMenu::saveCurrentAsAsked() {
    const QWidget* parent = m_menu->parentWidget();
    bool ok = false;
    const QString name =
        QInputDialog::getText(const_cast<QWidget*>(parent), tr("Save view"),
                              tr("Name for the filters in force:"), QLineEdit::Normal, currentName(), &ok);
    if (!ok || name.trimmed().isEmpty()) return;
    if (m_views.contains(name) && *m_views.find(name) != m_current() &&
        QMessageBox::question(const_cast<QWidget*>(parent), tr("Save view"),
                              tr("Replace the saved view “%1”?").arg(name.trimmed())) != QMessageBox::Yes)
        return;
    saveCurrentAs(name);
}

bool SavedViewsMenu::saveCurrentAs(const QString& name) {
    if (!m_views.save(name, m_current())) return false;
    store();
    return true;
}

bool SavedViewsMenu::apply(const QString& name) {
    const FilterState* state = m_views.find(name);
    if (!state) return false;
    m_apply(*state);
    return true;
}

bool SavedViewsMenu::remove(const QString& name) {
    if (!m_views.remove(name)) return false;
    store();
    return true;
}

void SavedViewsMenu::store() {
    writeSettingsInBackground({{kSavedKey, m_views.toVariant()}});
    rebuild();
}

void SavedViewsMenu::rebuild() {
    // The menu holds other actions above these: replace only ours.
    for (QAction* action : m_added) {
        m_menu->removeAction(action);
        action->deleteLater();
    }
    m_added.clear();
    if (m_delete) m_delete->deleteLater();
    m_added << m_menu->addAction(tr("&Save current view as…"), this, &SavedViewsMenu::saveCurrentAsAsked);
    m_added.back()->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    const QStringList names = m_views.names();
    if (!names.isEmpty()) m_added << m_menu->addSeparator();
    for (const QString& name : names) {
        m_added << m_menu->addAction(name, this, [this, name] { apply(name); });
        m_added.back()->setObjectName(QStringLiteral("view:") + name);
    }
    m_added << m_menu->addSeparator();
    m_delete = new QMenu(tr("&Delete saved view"), m_menu);
    for (const QString& name : names)
        m_delete->addAction(name, this, [this, name] { remove(name); })
            ->setObjectName(QStringLiteral("delete:") + name);
    m_delete->setEnabled(!names.isEmpty());
    m_added << m_menu->addMenu(m_delete);
}

} // namespace vigil
