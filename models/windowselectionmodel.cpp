#include "windowselectionmodel.h"

#include "rowwindowmodel.h"

#include <QScopedValueRollback>

namespace vigil {

WindowSelectionModel::WindowSelectionModel(RowWindowModel* window, QObject* parent)
    : QItemSelectionModel(window, parent), m_window(window) {}

bool WindowSelectionModel::forwards() const {
    return m_full && !m_projecting && !m_window->changing();
}

void WindowSelectionModel::select(const QItemSelection& selection, SelectionFlags command) {
    if (forwards()) {
        const QScopedValueRollback<bool> guard(m_forwarding, true);
        m_full->select(m_window->mapSelectionToSource(selection), command);
    }
    QItemSelectionModel::select(selection, command);
}

void WindowSelectionModel::setCurrentIndex(const QModelIndex& index, SelectionFlags command) {
    // The window losing its current row (it moved) leaves the full one as it is.
    if (forwards() && index.isValid()) {
        const QScopedValueRollback<bool> guard(m_forwarding, true);
        m_full->setCurrentIndex(m_window->mapToSource(index), NoUpdate);
    }
    QItemSelectionModel::setCurrentIndex(index, command);
}

void WindowSelectionModel::clear() {
    if (forwards()) {
        const QScopedValueRollback<bool> guard(m_forwarding, true);
        m_full->clearSelection();
    }
    QItemSelectionModel::clear();
}

void WindowSelectionModel::reset() {
    // The window moved (its model was reset): the full selection stays.
    const QScopedValueRollback<bool> guard(m_projecting, true);
    QItemSelectionModel::reset();
}

} // namespace vigil
