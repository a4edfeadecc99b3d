#include "dialogs/LicenceEditorDialog.h"

#include "dialogs/LicenceAcceptDialog.h"
#include "host/RegistryHost.h"
#include "models/ModelSupport.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace berth {

LicenceEditorDialog::LicenceEditorDialog(RegistryHost& host, const LicenceScope& scope, QWidget* parent)
    : QDialog(parent), m_host(host), m_scope(scope),
      m_browser(new LicenceBrowser(host.registry(), &host.audit(), this))
{
    const QString where =
        scope.kind == LicenceScope::Kind::Repository ? scope.repository : scope.compartment.describe();
    setWindowTitle(tr("Licence of %1").arg(where));
    auto* layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);

    auto* form = new QFormLayout;
    m_title = new QLineEdit(this);
    m_title->setMaxLength(LicenceStore::MaxTitleLength);
    m_title->setPlaceholderText(tr("e.g. Example Software Licence"));
    form->addRow(tr("&Title:"), m_title);
    m_version = new QLineEdit(this);
    m_version->setMaxLength(LicenceStore::MaxVersionLength);
    m_version->setPlaceholderText(tr("e.g. 1, 2.0 or 2026-11"));
    form->addRow(tr("&Version:"), m_version);
    m_format = new QComboBox(this);
    m_format->addItem(tr("Plain text"), int(LicenceFormat::Text));
    m_format->addItem(tr("Markdown"), int(LicenceFormat::Markdown));
    form->addRow(tr("&Format:"), m_format);
    layout->addLayout(form);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_text = new QPlainTextEdit(splitter);
    m_text->setObjectName(QStringLiteral("licenceSource"));
    m_text->setPlaceholderText(tr("The licence text people read and accept"));
    m_preview = new QTextBrowser(splitter);
    m_preview->setObjectName(QStringLiteral("licencePreview"));
    m_preview->setOpenExternalLinks(true);
    splitter->addWidget(m_text);
    splitter->addWidget(m_preview);
    layout->addWidget(splitter, 2);
    connect(m_text, &QPlainTextEdit::textChanged, this, &LicenceEditorDialog::updatePreview);
    connect(m_format, &QComboBox::currentIndexChanged, this, &LicenceEditorDialog::updatePreview);

    layout->addWidget(new QLabel(tr("Published versions (select one to load it into the form):"), this));
    m_history = new QTreeWidget(this);
    m_history->setRootIsDecorated(false);
    m_history->setHeaderLabels({tr("Version"), tr("Title"), tr("Published by"), tr("Published")});
    m_history->setMaximumHeight(140);
    layout->addWidget(m_history, 1);
    connect(m_history, &QTreeWidget::itemSelectionChanged, this, [this] {
        const int row = m_history->indexOfTopLevelItem(m_history->currentItem());
        if (row >= 0 && row < m_state.versions.size())
            fillForm(m_state.versions[row]);
    });

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    layout->addWidget(m_message);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_publish = buttons->addButton(tr("&Publish"), QDialogButtonBox::ActionRole);
    m_remove = buttons->addButton(tr("&Remove licence…"), QDialogButtonBox::DestructiveRole);
    connect(m_publish, &QPushButton::clicked, this, &LicenceEditorDialog::publishLicence);
    connect(m_remove, &QPushButton::clicked, this, &LicenceEditorDialog::confirmRemove);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(820, 640);
    load();
}

QString LicenceEditorDialog::status() const
{
    return m_status->text();
}

QString LicenceEditorDialog::message() const
{
    return m_message->text();
}

void LicenceEditorDialog::setBusy(bool busy)
{
    m_publish->setEnabled(!busy);
    m_remove->setEnabled(!busy && m_state.own.has_value());
}

void LicenceEditorDialog::load()
{
    setBusy(true);
    m_status->setText(tr("Loading…"));
    m_browser->loadScope(m_scope, [this](const Result<LicenceBrowser::ScopeState>& state) {
        if (!state) {
            m_status->setText(tr("Could not read the licence: %1").arg(state.error().message));
            m_publish->setEnabled(false);
            return;
        }
        showState(state.value());
        setBusy(false);
    });
}

void LicenceEditorDialog::showState(const LicenceBrowser::ScopeState& state)
{
    m_state = state;
    const QString here = m_scope.describe();
    if (state.own) {
        const LicenceVersion& v = state.own->current;
        m_status->setText(
            tr("Pulls from %1 need the licence \"%2\", version %3 (published by %4, %5). "
               "Publish a new version to have everybody accept it again.")
                .arg(here, v.title, v.version, v.publishedBy, ModelSupport::time(v.publishedAt)));
        fillForm(v);
    } else if (state.inherited) {
        const LicenceVersion& v = state.inherited->current;
        m_status->setText(tr("%1 has no licence of its own. Pulls from it need the licence \"%2\" (version "
                             "%3) set on %4. Publish one here to replace it for %1.")
                              .arg(here, v.title, v.version, state.inherited->scope.describe()));
        fillForm(LicenceVersion());
        m_preview->clear();
    } else {
        m_status->setText(
            tr("%1 has no licence: whoever may pull from it pulls without accepting one.").arg(here));
        fillForm(LicenceVersion());
    }
    m_history->clear();
    for (const LicenceVersion& v : std::as_const(state.versions)) {
        auto* item = new QTreeWidgetItem(
            m_history, {v.version, v.title, v.publishedBy, ModelSupport::time(v.publishedAt)});
        item->setData(0, Qt::UserRole, v.version);
    }
}

void LicenceEditorDialog::fillForm(const LicenceVersion& version)
{
    m_title->setText(version.title);
    m_version->setText(version.version);
    m_format->setCurrentIndex(m_format->findData(int(version.format)));
    m_text->setPlainText(version.body);
    updatePreview();
}

void LicenceEditorDialog::updatePreview()
{
    const auto format = LicenceFormat(m_format->currentData().toInt());
    LicenceAcceptDialog::showText(m_preview, format, m_text->toPlainText());
}

void LicenceEditorDialog::publishLicence()
{
    LicenceVersion version;
    version.title = m_title->text().trimmed();
    version.version = m_version->text().trimmed();
    version.format = LicenceFormat(m_format->currentData().toInt());
    version.body = m_text->toPlainText();
    // The form is checked here (no database needed) so a mistake is named before anything is saved.
    if (auto valid = LicenceStore::validate(version); !valid) {
        m_message->setText(valid.error().message);
        return;
    }
    setBusy(true);
    m_message->setText(tr("Publishing…"));
    m_browser->publish(m_scope, version, LicenceBrowser::consoleUserName(m_host),
                       [this](const Result<Licence>& licence) {
                           setBusy(false);
                           if (!licence) {
                               m_message->setText(tr("Not published: %1").arg(licence.error().message));
                               return;
                           }
                           m_changed = true;
                           m_message->setText(tr("Version %1 of \"%2\" is in force: pulls need it accepted.")
                                                  .arg(licence->current.version, licence->current.title));
                           load();
                       });
}

void LicenceEditorDialog::confirmRemove()
{
    if (!m_state.own)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Remove licence"),
        tr("Remove the licence \"%1\" from %2 with all its versions and acceptances? Pulls from it are no "
           "longer gated by it.")
            .arg(m_state.own->current.title, m_scope.describe()));
    if (answer == QMessageBox::Yes)
        removeLicence();
}

void LicenceEditorDialog::removeLicence()
{
    if (!m_state.own)
        return;
    setBusy(true);
    m_browser->remove(m_scope, LicenceBrowser::consoleUserName(m_host), [this](const Result<bool>& removed) {
        setBusy(false);
        if (!removed) {
            m_message->setText(tr("Not removed: %1").arg(removed.error().message));
            return;
        }
        m_changed = true;
        m_message->setText(tr("The licence was removed."));
        load();
    });
}

} // namespace berth
