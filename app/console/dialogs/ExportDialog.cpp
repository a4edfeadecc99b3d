#include "dialogs/ExportDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace berth {

ExportDialog::ExportDialog(const QString& what, const QString& suggestedName, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export"));
    m_format = new QComboBox(this);
    m_format->addItem(tr("Docker archive (docker load, podman load)"), int(ExportFormat::DockerArchive));
    m_format->addItem(tr("OCI archive (skopeo and podman oci-archive:)"), int(ExportFormat::OciArchive));
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_path = new QLineEdit(QDir(folder).filePath(suggestedName + QStringLiteral(".tar")), this);
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("File:"), pathRow);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::update);

    auto* label = new QLabel(tr("Export %1 to an archive file.").arg(what), this);
    label->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);
    update();
}

ExportFormat ExportDialog::format() const
{
    return ExportFormat(m_format->currentData().toInt());
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

void ExportDialog::browse()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Export to"), path(),
                                                      tr("Archives (*.tar *.tar.gz);;All files (*)"));
    if (!file.isEmpty())
        m_path->setText(file);
}

void ExportDialog::update()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!path().isEmpty());
}

} // namespace berth
