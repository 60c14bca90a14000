#pragma once
// A find bar below the table (/ opens it, Esc closes it): text to find in the shown
// entries without hiding the others, next and previous match (Enter and Shift+Enter, or
// F3 and Shift+F3 from anywhere) and where the current match stands ("3 of 17").

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace vigil {

class FindBar : public QWidget {
    Q_OBJECT
  public:
    explicit FindBar(QWidget* parent = nullptr);

    // Shows the bar with its text selected, ready for typing.
    void open();
    QString text() const;
    void setStatus(const QString& status, bool problem = false);

    QLineEdit* edit() const { return m_edit; }
    QLabel* statusLabel() const { return m_status; }

  Q_SIGNALS:
    void textChanged(const QString& text);
    void next();
    void previous();
    void closed();

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QLineEdit* m_edit;
    QLabel* m_status;
    QToolButton *m_next, *m_previous, *m_close;
    class QTimer* m_debounce;
};

} // namespace vigil
