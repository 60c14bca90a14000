#include "endpointdock.h"

#include "models/endpointtablemodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace vigil {

EndpointDock::EndpointDock(EndpointTableModel* model, QWidget* parent)
    : QDockWidget(tr("Endpoints"), parent), m_view(new QTableView), m_caption(new QLabel) {
    setObjectName(QStringLiteral("endpointDock"));
    m_caption->setWordWrap(true); // a long caption must not widen the dock and the window
    m_view->setModel(model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(EndpointTableModel::ColCount, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(false);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_caption);
    layout->addWidget(m_view);
    setWidget(body);
}

void EndpointDock::setCaption(const QString& text) {
    m_caption->setText(text);
}

} // namespace vigil
