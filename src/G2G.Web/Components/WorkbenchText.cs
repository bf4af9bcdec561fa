namespace G2G.Web.Components;

/// <summary>
/// Marker type for the texts of the workbench, the home page of a signed-in person: Resources/Components/
/// WorkbenchText.resx holds Simplified Chinese (the neutral language), WorkbenchText.en.resx English.
/// </summary>
public sealed class WorkbenchText;
