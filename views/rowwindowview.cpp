#include "rowwindowview.h"

#include "models/rowwindowmodel.h"
#include "models/windowselectionmodel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>

namespace vigil {

// The QTableView over the window. Cursor keys, Shift selections and the wheel go to the
// owner, which knows the full result.
class RowWindowBody : public QTableView {
  public:
    explicit RowWindowBody(RowWindowView* owner) : QTableView(owner), m_owner(owner) {}

    void relayout() { updateGeometries(); }
    bool dragging() const { return state() == DragSelectingState; }
    // The user is moving in the body (keys, mouse, a drag's auto-scroll): its own scrolling
    // moves the rows then. Otherwise it only follows the owner's scroll bar.
    bool handlingInput() const { return m_input > 0; }
    void selectAll() override { m_owner->selectAll(); }

  protected:
    // Rows move over the full result; columns (Tab) as the table moves them.
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override {
        const int rows = m_owner->model() ? m_owner->model()->rowCount() : 0;
        if (rows == 0) return {};
        const QModelIndex current = m_owner->currentIndex();
        if (!current.isValid()) {
            // As QTableView: the first row. A table given the focus makes it current without
            // scrolling to it (no auto-scroll then), so it may stay outside the window.
            const QModelIndex first =
                m_owner->model()->index(0, std::max(0, horizontalHeader()->logicalIndexAt(0)));
            m_owner->m_selection->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
            return m_owner->m_window->mapFromSource(first);
        }
        const int row = current.row(), page = m_owner->rowsInViewport();
        switch (action) {
        case MoveUp:
            return m_owner->cursorTo(row - 1);
        case MoveDown:
            return m_owner->cursorTo(row + 1);
        case MovePageUp:
            return m_owner->cursorTo(row - page);
        case MovePageDown:
            return m_owner->cursorTo(row + page);
        // A log table selects rows: Home and End go to the first and the last one.
        case MoveHome:
            return m_owner->cursorTo(0);
        case MoveEnd:
            return m_owner->cursorTo(rows - 1);
        default:
            m_owner->scrollTo(current);
            return QTableView::moveCursor(action, modifiers);
        }
    }

    void keyPressEvent(QKeyEvent* event) override {
        const Qt::KeyboardModifiers mods = event->modifiers();
        if (mods & Qt::ShiftModifier && selectionMode() == ExtendedSelection) {
            CursorAction action;
            bool move = true;
            switch (event->key()) {
            case Qt::Key_Up:
                action = MoveUp;
                break;
            case Qt::Key_Down:
                action = MoveDown;
                break;
            case Qt::Key_PageUp:
                action = MovePageUp;
                break;
            case Qt::Key_PageDown:
                action = MovePageDown;
                break;
            case Qt::Key_Home:
                action = MoveHome;
                break;
            case Qt::Key_End:
                action = MoveEnd;
                break;
            default:
                move = false;
            }
            if (move) {
                // The anchor may be outside the window: the owner selects in full rows.
                const QModelIndex target = moveCursor(action, mods);
                if (target.isValid())
                    m_owner->extendTo(m_owner->m_window->first() + target.row(), mods & Qt::ControlModifier);
                event->accept();
                return;
            }
        }
        const QScopedValueRollback<int> input(m_input, m_input + 1);
        QTableView::keyPressEvent(event);
    }
    void mouseMoveEvent(QMouseEvent* event) override {
        const QScopedValueRollback<int> input(m_input, m_input + 1);
        QTableView::mouseMoveEvent(event);
    }
    void mouseReleaseEvent(QMouseEvent* event) override {
        const QScopedValueRollback<int> input(m_input, m_input + 1);
        QTableView::mouseReleaseEvent(event);
    }
    void mouseDoubleClickEvent(QMouseEvent* event) override {
        const QScopedValueRollback<int> input(m_input, m_input + 1);
        QTableView::mouseDoubleClickEvent(event);
    }
    void timerEvent(QTimerEvent* event) override {
        const QScopedValueRollback<int> input(m_input, m_input + 1);
        QTableView::timerEvent(event);
    }

    void mousePressEvent(QMouseEvent* event) override {
        const QModelIndex index = indexAt(event->position().toPoint());
        if (event->button() == Qt::LeftButton && event->modifiers() & Qt::ShiftModifier &&
            selectionMode() == ExtendedSelection && index.isValid()) {
            setFocus(Qt::MouseFocusReason);
            m_owner->extendTo(m_owner->m_window->first() + index.row(),
                              event->modifiers() & Qt::ControlModifier);
            event->accept();
            return;
        }
        const QScopedValueRollback<int> input(m_input, m_input + 1);
        QTableView::mousePressEvent(event);
    }

    void wheelEvent(QWheelEvent* event) override {
        // Rows scroll over the whole result, as the owner's scroll bar does.
        if (std::abs(event->angleDelta().y()) >= std::abs(event->angleDelta().x()))
            QCoreApplication::sendEvent(m_owner->m_bar, event);
        else
            QTableView::wheelEvent(event);
    }

    void currentChanged(const QModelIndex& current, const QModelIndex& previous) override {
        // A current row projected from the full model is not a reason to scroll.
        const bool projected = m_owner->m_bodySelection && m_owner->m_bodySelection->projecting();
        const bool autoScroll = hasAutoScroll();
        if (projected) setAutoScroll(false);
        QTableView::currentChanged(current, previous);
        if (projected) setAutoScroll(autoScroll);
    }

  private:
    RowWindowView* m_owner;
    int m_input = 0;
};

RowWindowView::RowWindowView(QWidget* parent)
    : QFrame(parent), m_window(new RowWindowModel(this)), m_body(new RowWindowBody(this)),
      m_bar(new QScrollBar(Qt::Vertical, this)), m_recentre(new QTimer(this)) {
    setFrameStyle(QFrame::StyledPanel | QFrame::Sunken);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_body, 1);
    layout->addWidget(m_bar);
    m_body->setFrameShape(QFrame::NoFrame);
    m_body->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_body->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_body->setContextMenuPolicy(Qt::CustomContextMenu);
    setFocusProxy(m_body);
    m_bar->setRange(0, 0);
    m_bar->hide();

    m_body->setModel(m_window);
    QItemSelectionModel* made = m_body->selectionModel();
    m_bodySelection = new WindowSelectionModel(m_window, this);
    m_body->setSelectionModel(m_bodySelection);
    delete made;

    m_recentre->setSingleShot(true);
    m_recentre->setInterval(0);
    connect(m_recentre, &QTimer::timeout, this, &RowWindowView::applyTop);
    connect(m_bar, &QScrollBar::valueChanged, this, [this] {
        if (!m_syncing) applyTop();
    });
    connect(m_body->verticalScrollBar(), &QScrollBar::valueChanged, this, &RowWindowView::bodyScrolled);
    connect(m_body, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        if (contextMenuPolicy() == Qt::CustomContextMenu) Q_EMIT customContextMenuRequested(pos);
    });
    m_body->viewport()->installEventFilter(this);
}

QWidget* RowWindowView::viewport() const {
    return m_body->viewport();
}
QHeaderView* RowWindowView::horizontalHeader() const {
    return m_body->horizontalHeader();
}
QHeaderView* RowWindowView::verticalHeader() const {
    return m_body->verticalHeader();
}
QTableView* RowWindowView::body() const {
    return m_body;
}

void RowWindowView::setModel(QAbstractItemModel* model) {
    for (const auto& c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_bodySelection->setFull(nullptr);
    if (m_selection) m_selection->deleteLater();
    m_selection = nullptr;
    m_model = model;
    m_anchor = -1;
    m_window->setSourceModel(model);
    if (model) {
        m_selection = new QItemSelectionModel(model, this);
        m_bodySelection->setFull(m_selection);
        m_connections << connect(m_selection, &QItemSelectionModel::currentChanged, this,
                                 &RowWindowView::fullCurrentChanged);
        m_connections << connect(m_selection, &QItemSelectionModel::selectionChanged, this, [this] {
            if (!m_bodySelection->forwarding()) project();
        });
        m_connections << connect(model, &QAbstractItemModel::rowsInserted, this,
                                 &RowWindowView::sourceRowsInserted);
        m_connections << connect(model, &QAbstractItemModel::rowsRemoved, this,
                                 &RowWindowView::sourceRowsRemoved);
        // A new result keeps the row number at the top, as a QTableView does.
        auto again = [this] { relayout(m_bar->value()); };
        m_connections << connect(model, &QAbstractItemModel::modelReset, this, again);
        m_connections << connect(model, &QAbstractItemModel::layoutChanged, this, again);
        m_connections << connect(model, &QAbstractItemModel::rowsMoved, this, again);
    }
    relayout(0);
}

void RowWindowView::sourceRowsInserted(const QModelIndex& parent, int first, int last) {
    if (parent.isValid()) return;
    const int n = last - first + 1;
    // Rows arriving above keep the rows shown where they are (late entries of another
    // instance must not move what the user reads).
    int top = m_bar->value();
    if (first < top) top += n;
    if (m_anchor >= first) m_anchor += n;
    relayout(top);
}

void RowWindowView::sourceRowsRemoved(const QModelIndex& parent, int first, int last) {
    if (parent.isValid()) return;
    const int n = last - first + 1;
    int top = m_bar->value();
    if (last < top)
        top -= n;
    else if (first < top)
        top = first;
    if (m_anchor > last)
        m_anchor -= n;
    else if (m_anchor >= first)
        m_anchor = first;
    relayout(top);
}

int RowWindowView::rowsInViewport() const {
    const int height = m_body->viewport()->height();
    const int row = std::max(1, m_body->verticalHeader()->defaultSectionSize());
    return std::max(1, height / row);
}

int RowWindowView::lastTopRow() const {
    const int rows = m_model ? m_model->rowCount() : 0;
    return std::max(0, rows - rowsInViewport());
}

int RowWindowView::topRow() const {
    return m_bar->value();
}

int RowWindowView::windowCapacity() const {
    // Three pages above and below: a wheel turn or a page key moves inside the window, and
    // the window moves (a reset of a few hundred rows) once every few pages.
    const int visible = rowsInViewport();
    return visible + 2 * std::max(3 * visible, 64);
}

void RowWindowView::relayout(int top) {
    {
        const QSignalBlocker block(m_bar);
        m_bar->setRange(0, lastTopRow());
        m_bar->setPageStep(rowsInViewport());
        m_bar->setSingleStep(1);
        m_bar->setValue(top);
    }
    m_bar->setVisible(m_bar->maximum() > 0);
    // Following keeps the newest row in view from here.
    Q_EMIT scrollRangeChanged();
    applyTop();
}

void RowWindowView::applyTop() {
    const int top = m_bar->value();
    ensureWindow(top);
    const QScopedValueRollback<bool> guard(m_syncing, true);
    m_body->relayout();
    m_body->verticalScrollBar()->setValue(top - m_window->first());
}

void RowWindowView::ensureWindow(int top) {
    const int rows = m_model ? m_model->rowCount() : 0;
    const int visible = rowsInViewport(), capacity = windowCapacity();
    const int first = m_window->first(), end = first + m_window->size();
    const int needEnd = std::min(rows, top + visible + 1);
    const bool covers = first <= top && needEnd <= end;
    if (covers && m_body->dragging()) return;
    const bool roomy = covers && (first == 0 || top - first >= visible) &&
                       (end == rows || end - needEnd >= visible) && m_window->capacity() == capacity &&
                       m_window->size() == std::min(capacity, rows - first);
    if (roomy) return;
    {
        const QScopedValueRollback<bool> guard(m_syncing, true);
        m_window->setWindow(top - (capacity - visible) / 2, capacity);
    }
    project();
}

void RowWindowView::bodyScrolled(int value) {
    if (m_syncing) return;
    if (!m_body->handlingInput()) {
        // The body's own layout moved it (its range shrank with a new window): back to the
        // row the scroll bar names, without the bar moving (that would pause following).
        m_recentre->start();
        return;
    }
    // The body scrolled inside its window (a cursor key, a drag): the scroll bar follows,
    // and the window moves once the body is done with its event.
    {
        const QScopedValueRollback<bool> guard(m_syncing, true);
        m_bar->setValue(m_window->first() + value);
    }
    m_recentre->start();
}

void RowWindowView::project() {
    if (!m_selection || m_window->changing()) return;
    m_bodySelection->setProjecting(true);
    m_bodySelection->select(m_window->mapSelectionFromSource(m_selection->selection()),
                            QItemSelectionModel::ClearAndSelect);
    const QModelIndex current = m_window->mapFromSource(m_selection->currentIndex());
    if (m_bodySelection->currentIndex() != current) {
        if (current.isValid())
            m_bodySelection->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
        else
            m_bodySelection->clearCurrentIndex();
    }
    m_bodySelection->setProjecting(false);
}

void RowWindowView::fullCurrentChanged(const QModelIndex& current) {
    if (!m_extending && current.isValid()) m_anchor = current.row();
    if (m_bodySelection->forwarding() || m_window->changing()) return;
    // As a QAbstractItemView does: a new current row is scrolled into view.
    if (current.isValid() && isVisible() && m_body->hasAutoScroll()) scrollTo(current);
    project();
}

QModelIndex RowWindowView::currentIndex() const {
    return m_selection ? m_selection->currentIndex() : QModelIndex();
}

void RowWindowView::setCurrentIndex(const QModelIndex& index) {
    if (!m_selection) return;
    m_selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void RowWindowView::selectRow(int row) {
    if (!m_model || row < 0 || row >= m_model->rowCount()) return;
    const int column = std::max(0, horizontalHeader()->logicalIndexAt(0));
    m_selection->setCurrentIndex(m_model->index(row, column), QItemSelectionModel::NoUpdate);
    m_selection->select(
        QItemSelection(m_model->index(row, 0), m_model->index(row, m_model->columnCount() - 1)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void RowWindowView::selectAll() {
    if (!m_model || m_model->rowCount() == 0 ||
        m_body->selectionMode() != QAbstractItemView::ExtendedSelection)
        return;
    m_selection->select(QItemSelection(m_model->index(0, 0),
                                       m_model->index(m_model->rowCount() - 1, m_model->columnCount() - 1)),
                        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void RowWindowView::clearSelection() {
    if (m_selection) m_selection->clearSelection();
}

void RowWindowView::extendTo(int row, bool keep) {
    if (!m_model || row < 0 || row >= m_model->rowCount()) return;
    const QModelIndex current = m_selection->currentIndex();
    if (m_anchor < 0 || m_anchor >= m_model->rowCount()) m_anchor = current.isValid() ? current.row() : row;
    const int column = current.isValid() ? current.column() : 0;
    const QScopedValueRollback<bool> guard(m_extending, true);
    m_selection->setCurrentIndex(m_model->index(row, column), QItemSelectionModel::NoUpdate);
    const int lo = std::min(m_anchor, row), hi = std::max(m_anchor, row);
    m_selection->select(QItemSelection(m_model->index(lo, 0), m_model->index(hi, m_model->columnCount() - 1)),
                        (keep ? QItemSelectionModel::Select : QItemSelectionModel::ClearAndSelect) |
                            QItemSelectionModel::Rows);
}

QModelIndex RowWindowView::cursorTo(int row) {
    const int rows = m_model ? m_model->rowCount() : 0;
    if (rows == 0) return {};
    const QModelIndex current = m_selection->currentIndex();
    const int column =
        current.isValid() ? current.column() : std::max(0, horizontalHeader()->logicalIndexAt(0));
    const QModelIndex to = m_model->index(std::clamp(row, 0, rows - 1), column);
    scrollTo(to);
    return m_window->mapFromSource(to);
}

void RowWindowView::scrollTo(const QModelIndex& index, QAbstractItemView::ScrollHint hint) {
    if (!m_model || !index.isValid() || index.model() != m_model) return;
    const int row = index.row(), top = m_bar->value(), visible = rowsInViewport();
    int to = top;
    switch (hint) {
    case QAbstractItemView::EnsureVisible:
        if (row < top)
            to = row;
        else if (row >= top + visible)
            to = row - visible + 1;
        break;
    case QAbstractItemView::PositionAtTop:
        to = row;
        break;
    case QAbstractItemView::PositionAtBottom:
        to = row - visible + 1;
        break;
    case QAbstractItemView::PositionAtCenter:
        to = row - (visible - 1) / 2;
        break;
    }
    m_bar->setValue(std::clamp(to, 0, m_bar->maximum()));
    applyTop();
    // Sideways as the table would; the rows are already in place.
    const QModelIndex shown = m_window->mapFromSource(index);
    if (!shown.isValid()) return;
    const QScopedValueRollback<bool> guard(m_syncing, true);
    m_body->scrollTo(shown, QAbstractItemView::EnsureVisible);
    m_body->verticalScrollBar()->setValue(m_bar->value() - m_window->first());
}

void RowWindowView::scrollToTop() {
    m_bar->setValue(0);
}

void RowWindowView::scrollToBottom() {
    m_bar->setValue(m_bar->maximum());
}

int RowWindowView::rowAt(int y) const {
    const int row = m_body->rowAt(y);
    return row < 0 ? -1 : m_window->first() + row;
}

QModelIndex RowWindowView::indexAt(const QPoint& pos) const {
    return m_window->mapToSource(m_body->indexAt(pos));
}

QRect RowWindowView::visualRect(const QModelIndex& index) const {
    if (!index.isValid() || index.model() != m_model) return {};
    return m_body->visualRect(m_window->mapFromSource(index));
}

int RowWindowView::rowViewportPosition(int row) const {
    const int shown = row - m_window->first();
    return shown >= 0 && shown < m_window->size() ? m_body->rowViewportPosition(shown) : -1;
}

int RowWindowView::rowHeight(int) const {
    return m_body->verticalHeader()->defaultSectionSize(); // fixed heights
}

bool RowWindowView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_body->viewport() && event->type() == QEvent::Resize) relayout(m_bar->value());
    return QFrame::eventFilter(watched, event);
}

} // namespace vigil
