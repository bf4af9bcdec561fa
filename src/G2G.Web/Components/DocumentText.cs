namespace G2G.Web.Components;

/// <summary>
/// Marker type for the texts of /documents and /documents/{id} (official documents, 公文): Resources/Components/DocumentText.resx
/// holds Simplified Chinese (the neutral language), DocumentText.en.resx English.
/// </summary>
public sealed class DocumentText;
