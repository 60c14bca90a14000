// A widget whose first paint is dear (the charts of a deployment) is shown a turn after
// another one has painted, so that the two paints are two events of the window's thread.
#include "views/showafterpaint.h"

#include <QPainter>
#include <QVBoxLayout>
#include <QWidget>
#include <QtTest>

namespace {
// Records, at each of its paints, whether `other` was visible then.
class PaintRecorder : public QWidget {
  public:
    QWidget* other = nullptr;
    QList<bool> otherVisibleAtPaint;

  protected:
    void paintEvent(QPaintEvent*) override {
        otherVisibleAtPaint << (other && other->isVisible());
        QPainter(this).fillRect(rect(), Qt::white);
    }
};

// Counts its paints.
class CountingWidget : public QWidget {
  public:
    int paints = 0;

  protected:
    void paintEvent(QPaintEvent*) override { ++paints; }
};
} // namespace

using namespace vigil;

class TestShowAfterPaint : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void shownOnlyAfterTheOtherPainted() {
        QWidget window;
        auto* layout = new QVBoxLayout(&window);
        auto* first = new PaintRecorder;
        auto* later = new CountingWidget;
        first->other = later;
        first->setMinimumSize(100, 60);
        later->setMinimumSize(100, 60);
        layout->addWidget(first);
        layout->addWidget(later);
        showAfterPaintOf(later, first);
        QVERIFY(later->isHidden());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(later->isVisible());
        QTRY_VERIFY(later->paints > 0);
        // The first paint of `first` came while `later` was still hidden.
        QVERIFY(!first->otherVisibleAtPaint.isEmpty());
        QCOMPARE(first->otherVisibleAtPaint.first(), false);
    }

    void waitsWhileTheOtherIsHidden() {
        // In a dock the user closed: shown once the dock is open again and has painted.
        QWidget window;
        auto* layout = new QVBoxLayout(&window);
        auto* dock = new PaintRecorder;
        auto* later = new CountingWidget;
        dock->setMinimumSize(100, 60);
        layout->addWidget(dock);
        layout->addWidget(later);
        dock->hide();
        showAfterPaintOf(later, dock);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(100);
        QVERIFY(later->isHidden());
        dock->show();
        QTRY_VERIFY(later->isVisible());
    }

    void goesWithTheWidgetItWouldShow() {
        QWidget window;
        auto* painted = new PaintRecorder;
        painted->setParent(&window);
        auto* later = new CountingWidget;
        later->setParent(&window);
        showAfterPaintOf(later, painted);
        delete later; // the watch goes with it: the paint below must not touch it
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        painted->repaint();
        QTest::qWait(50);
        QVERIFY(!painted->otherVisibleAtPaint.isEmpty()); // the paint the watch waited for came
    }
};

QTEST_MAIN(TestShowAfterPaint)
#include "tst_showafterpaint.moc"
