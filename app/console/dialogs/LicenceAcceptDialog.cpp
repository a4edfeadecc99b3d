#include "dialogs/LicenceAcceptDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

namespace berth {

LicenceAcceptDialog::LicenceAcceptDialog(const QString& repository, const Licence& licence, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Licence of %1").arg(repository));
    auto* layout = new QVBoxLayout(this);
    m_heading = new QLabel(this);
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setText(
        tr("Pulling from %1 needs the licence \"%2\" (version %3), set on %4. Read it, then "
           "choose Continue to accept it.")
            .arg(repository, licence.current.title, licence.current.version, licence.scope.describe()));
    layout->addWidget(m_heading);
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("licenceText"));
    m_text->setOpenExternalLinks(true);
    showText(m_text, licence.current.format, licence.current.body);
    layout->addWidget(m_text, 1);
    auto* buttons = new QDialogButtonBox(this);
    m_continue = buttons->addButton(tr("Continue"), QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 520);
}

void LicenceAcceptDialog::showText(QTextBrowser* browser, LicenceFormat format, const QString& text)
{
    // CommonMark without raw HTML, as the portal renders it.
    if (format == LicenceFormat::Markdown)
        browser->document()->setMarkdown(
            text, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectCommonMark |
                                                  QTextDocument::MarkdownNoHTML));
    else
        browser->setPlainText(text);
}

} // namespace berth
