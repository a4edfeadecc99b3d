#pragma once

#include "archive/ImageExporter.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace berth {

/// Where to export an image or a repository, and as what: a Docker archive (docker load) or an OCI
/// archive (skopeo/podman oci-archive:).
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(const QString& what, const QString& suggestedName, QWidget* parent = nullptr);

    ExportFormat format() const;
    QString path() const;

private:
    void browse();
    void update();

    QComboBox* m_format = nullptr;
    QLineEdit* m_path = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace berth
