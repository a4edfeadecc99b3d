#pragma once

#include "licensing/Licence.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace berth {

/// The licence dialog of the gated pull and export: the licence's title, version and where it is set,
/// its text rendered (Markdown or plain), and Continue / Cancel. Continue means "I accept"; the caller
/// records it.
class LicenceAcceptDialog : public QDialog
{
    Q_OBJECT
public:
    LicenceAcceptDialog(const QString& repository, const Licence& licence, QWidget* parent = nullptr);

    /// Shows a licence text in a browser: Markdown rendered, plain text as it is.
    static void showText(QTextBrowser* browser, LicenceFormat format, const QString& text);

    QTextBrowser* textBrowser() const { return m_text; }
    QPushButton* continueButton() const { return m_continue; }
    QLabel* heading() const { return m_heading; }

private:
    QLabel* m_heading = nullptr;
    QTextBrowser* m_text = nullptr;
    QPushButton* m_continue = nullptr;
};

} // namespace berth
