#pragma once
// One line of status text ("Reading 3 of 9 files · 41 %") cut to the room it is given, the
// whole of it in the tooltip. A QLabel asks for a new layout on every setText, and a layout
// request is passed up to the main window, which lays out every widget again: the opening
// progress changes this text several times a second, each time a relayout of the whole
// window. This line's size does not depend on its text, so a new text only repaints it.

#include <QWidget>

namespace vigil {

class StateLine : public QWidget {
    Q_OBJECT
  public:
    explicit StateLine(QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const { return m_text; }

    // One line high; no width of its own: it takes what the row leaves.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    QString m_text;
};

} // namespace vigil
