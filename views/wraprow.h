#pragma once
// Two groups of controls side by side when the row is wide enough for both, else one above
// the other. A plain QHBoxLayout's minimum width is the sum of its controls' minimums, so
// the filter bar alone (six level buttons, search, field filter, time range) made the whole
// window at least 941 px wide; wrapping brings that down to the wider group's width.

#include <QWidget>

class QBoxLayout;
class QHBoxLayout;

namespace vigil {

class WrapRow : public QWidget {
    Q_OBJECT
  public:
    explicit WrapRow(QWidget* parent = nullptr);

    QHBoxLayout* first() const { return m_firstLayout; }
    QHBoxLayout* second() const { return m_secondLayout; }
    bool wrapped() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    int sideBySideWidth() const;

    QBoxLayout* m_outer;
    QWidget *m_first, *m_second;
    QHBoxLayout *m_firstLayout, *m_secondLayout;
};

} // namespace vigil
