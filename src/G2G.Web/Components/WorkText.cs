namespace G2G.Web.Components;

/// <summary>
/// Marker type for the texts of the work pages (/tasks/{id}, /start: forms, operations, history): Resources/Components/
/// WorkText.resx holds Simplified Chinese (the neutral language), WorkText.en.resx English. Kept apart from
/// <see cref="UiText"/> so the pages of different areas change different files.
/// </summary>
public sealed class WorkText;
