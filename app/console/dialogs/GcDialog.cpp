#include "dialogs/GcDialog.h"

#include "data/GcBrowser.h"
#include "models/ModelSupport.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace berth {

namespace {

/// At most this many rows are listed; the summary counts everything.
constexpr int ListCap = 500;

} // namespace

GcDialog::GcDialog(GcBrowser& browser, QWidget* parent) : QDialog(parent), m_browser(browser)
{
    setWindowTitle(tr("Collect garbage"));
    auto* intro =
        new QLabel(tr("Garbage collection removes the blobs no image references any more, while the "
                      "registry keeps serving. What was uploaded in the last hour stays (a push may "
                      "be about to use it)."),
                   this);
    intro->setWordWrap(true);
    m_untagged = new QCheckBox(tr("Also delete &untagged manifests (and the layers only they use)"), this);
    m_referrers = new QCheckBox(tr("…and the &referrers (signatures, SBOMs) of deleted manifests"), this);
    m_referrers->setEnabled(false);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Kind"), tr("What"), tr("Size")});
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Collect garbage"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_untagged, &QCheckBox::toggled, this, [this](bool on) {
        m_referrers->setEnabled(on);
        if (!on)
            m_referrers->setChecked(false);
        refresh();
    });
    connect(m_referrers, &QCheckBox::toggled, this, &GcDialog::refresh);
    connect(&m_browser, &GcBrowser::previewLoaded, this, &GcDialog::onPreview);
    connect(&m_browser, &GcBrowser::failed, this, &GcDialog::onFailed);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_untagged);
    layout->addWidget(m_referrers);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_buttons);
    resize(640, 420);
    refresh();
}

GcOptions GcDialog::options() const
{
    GcOptions options;
    options.deleteUntagged = m_untagged->isChecked();
    options.deleteReferrers = m_untagged->isChecked() && m_referrers->isChecked();
    return options;
}

void GcDialog::setDeleteUntagged(bool on)
{
    m_untagged->setChecked(on);
}

void GcDialog::setDeleteReferrers(bool on)
{
    m_referrers->setChecked(on);
}

QString GcDialog::summaryText() const
{
    return m_summary->text();
}

void GcDialog::refresh()
{
    m_summary->setText(tr("Working out what a run would remove…"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_pending = m_browser.preview(options());
}

void GcDialog::onPreview(quint64 id, const GcResult& result)
{
    if (id != m_pending)
        return;
    m_pending = 0;
    m_preview = result;
    m_list->clear();
    int rows = 0;
    for (const GcManifest& m : result.manifests) {
        if (rows++ >= ListCap)
            break;
        new QTreeWidgetItem(m_list, {tr("Manifest"), m.repository + QLatin1Char('@') + m.digest.toString(),
                                     ModelSupport::size(m.size)});
    }
    for (const GcBlob& b : result.blobs) {
        if (rows++ >= ListCap)
            break;
        new QTreeWidgetItem(m_list, {tr("Blob"), b.digest.toString(), ModelSupport::size(b.size)});
    }
    if (result.blobs.isEmpty() && result.manifests.isEmpty()) {
        m_summary->setText(tr("Nothing to collect: every blob is in use or younger than an hour."));
    } else {
        m_summary->setText(tr("A run would remove %1 and %2, freeing %3.")
                               .arg(tr("%n blob(s)", nullptr, int(result.blobs.size())),
                                    tr("%n untagged manifest(s)", nullptr, int(result.manifests.size())),
                                    ModelSupport::size(result.bytes)));
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
    emit previewShown();
}

void GcDialog::onFailed(quint64 id, const Error& error)
{
    if (id != m_pending)
        return;
    m_pending = 0;
    m_summary->setText(tr("Cannot work out what a run would remove: %1").arg(error.message));
    emit previewShown();
}

} // namespace berth
