#pragma once
// A table over millions of rows whose cost does not grow with them. A QTableView keeps one
// header record per row and rebuilds them on every reset (90 ms at 24 M rows, on the GUI
// thread), so this widget gives its inner QTableView only a RowWindowModel of the few hundred
// rows around the visible ones and scrolls the whole result with a scroll bar of its own.
// Everything it offers speaks in the full model's rows: model(), selectionModel(),
// currentIndex(), scrollTo(), rowAt(); the window never shows outside.

#include <QAbstractItemView>
#include <QFrame>

class QHeaderView;
class QItemSelectionModel;
class QScrollBar;
class QTableView;
class QTimer;

namespace vigil {

class RowWindowModel;
class RowWindowBody;
class WindowSelectionModel;

class RowWindowView : public QFrame {
    Q_OBJECT
  public:
    explicit RowWindowView(QWidget* parent = nullptr);

    // A flat table model; the view makes its own selection model over it.
    virtual void setModel(QAbstractItemModel* model);
    QAbstractItemModel* model() const { return m_model; }
    QItemSelectionModel* selectionModel() const { return m_selection; }

    QModelIndex currentIndex() const;
    // As QAbstractItemView::setCurrentIndex: the row becomes the selection.
    void setCurrentIndex(const QModelIndex& index);
    void selectRow(int row);
    void selectAll();
    void clearSelection();
    void scrollTo(const QModelIndex& index,
                  QAbstractItemView::ScrollHint hint = QAbstractItemView::EnsureVisible);
    void scrollToTop();
    void scrollToBottom();
    // The full model's row at a viewport y, or -1; its index at a viewport point.
    int rowAt(int y) const;
    QModelIndex indexAt(const QPoint& pos) const;
    QRect visualRect(const QModelIndex& index) const;
    // A row's y in the viewport (-1 when not shown) and its height.
    int rowViewportPosition(int row) const;
    int rowHeight(int row) const;
    // The row shown at the top, and how many whole rows the viewport holds.
    int topRow() const;
    int rowsInViewport() const;

    // The scroll bar over every row.
    QScrollBar* verticalScrollBar() const { return m_bar; }
    QWidget* viewport() const;
    QHeaderView* horizontalHeader() const;
    QHeaderView* verticalHeader() const;
    // The view of the window, for its look (delegate, palette, header); its rows are the
    // window's, so ask this widget for rows.
    QTableView* body() const;
    const RowWindowModel* rowWindow() const { return m_window; }

  Q_SIGNALS:
    // The scroll bar's range changed (rows came or went, the viewport was resized), after
    // the view kept its place.
    void scrollRangeChanged();

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    friend class RowWindowBody;

    void sourceRowsInserted(const QModelIndex& parent, int first, int last);
    void sourceRowsRemoved(const QModelIndex& parent, int first, int last);
    // Range, place and window again after the source changed, keeping `top` at the top.
    void relayout(int top);
    // Shows the row the scroll bar names at the top: the window moves first if needed.
    void applyTop();
    // Moves the window unless it holds the visible rows with a margin (any margin while
    // the mouse drags a selection: the rows it started from stay).
    void ensureWindow(int top);
    // The full selection and current row shown in the body.
    void project();
    void fullCurrentChanged(const QModelIndex& current);
    // Selects the rows from the anchor to `row` (Shift+click, Shift+arrows).
    void extendTo(int row, bool keep);
    // A cursor key's move to a full row, shown; its index in the body (the window moves when
    // it must).
    QModelIndex cursorTo(int row);
    void bodyScrolled(int value);
    int windowCapacity() const;
    int lastTopRow() const;

    QAbstractItemModel* m_model = nullptr;
    RowWindowModel* m_window;
    RowWindowBody* m_body;
    QScrollBar* m_bar;
    QItemSelectionModel* m_selection = nullptr;
    WindowSelectionModel* m_bodySelection = nullptr;
    QTimer* m_recentre;
    QList<QMetaObject::Connection> m_connections;
    int m_anchor = -1;      // the full row a Shift selection extends from
    bool m_syncing = false; // the body and the scroll bar are being set to agree
    bool m_extending = false;
    int m_pendingTop = -1; // the top row kept across a source change
};

} // namespace vigil
