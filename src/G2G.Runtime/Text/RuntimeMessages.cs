namespace G2G.Runtime;

/// <summary>
/// The runtime's messages for people, one factory per message: its name is the stable key, its parameters the
/// template's <c>{0}</c>, <c>{1}</c> … in the same order. Templates: RuntimeMessages.resx (Simplified Chinese) and
/// RuntimeMessages.en.resx (English); a test holds every method, key and placeholder in step across the three.
/// To add a message, add the method and its two templates; never throw a runtime refusal with a literal string.
/// </summary>
public static class RuntimeMessages
{
    private static readonly TextCatalog Catalog = new(new(typeof(RuntimeMessages)));

    /// <summary>The catalogue itself, for the catalogue tests.</summary>
    public static TextCatalog Templates => Catalog;

    /// <summary>A rejection of the engine (<see cref="Engine.Execution.CommandRejectedException.Reason"/>) in the reader's language.</summary>
    public static RuntimeText EngineRejection(Engine.Execution.CommandRejectedException rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return Catalog.Text(EngineKey(rejected.Reason), [.. rejected.Arguments]);
    }

    /// <summary>The key of the engine's rejection reason <paramref name="reason"/> in this catalogue.</summary>
    public static string EngineKey(string reason) => "Engine_" + reason;

    // Instances
    public static RuntimeText InstanceNotFound(long instanceId) => Catalog.Text(nameof(InstanceNotFound), instanceId);
    public static RuntimeText InstanceChangedByOthers(long instanceId, int attempts) => Catalog.Text(nameof(InstanceChangedByOthers), instanceId, attempts);
    public static RuntimeText InstanceSuspended(long instanceId) => Catalog.Text(nameof(InstanceSuspended), instanceId);
    public static RuntimeText StepWouldFail(string elementId, string problem) => Catalog.Text(nameof(StepWouldFail), elementId, problem);
    public static RuntimeText JobNotLeased(long jobId, string owner) => Catalog.Text(nameof(JobNotLeased), jobId, owner);

    // Forms
    public static RuntimeText TaskHasNoForm(long taskId, string step) => Catalog.Text(nameof(TaskHasNoForm), taskId, step);
    public static RuntimeText FormOfTaskNotDeployed(string formKey, long taskId) => Catalog.Text(nameof(FormOfTaskNotDeployed), formKey, taskId);
    public static RuntimeText StepFormNotDeployed(string step, string formKey) => Catalog.Text(nameof(StepFormNotDeployed), step, formKey);
    public static RuntimeText SubmissionInvalid(long taskId, int count) => Catalog.Text(nameof(SubmissionInvalid), taskId, count);
    public static RuntimeText OpinionRequired() => Catalog.Text(nameof(OpinionRequired));
    public static RuntimeText FieldNotInForm() => Catalog.Text(nameof(FieldNotInForm));
    public static RuntimeText FieldReadOnly(string label) => Catalog.Text(nameof(FieldReadOnly), label);
    public static RuntimeText FieldRequired(string label) => Catalog.Text(nameof(FieldRequired), label);
    public static RuntimeText FieldNotNumber(string label) => Catalog.Text(nameof(FieldNotNumber), label);
    public static RuntimeText FieldBelowMinimum(string label, decimal min) => Catalog.Text(nameof(FieldBelowMinimum), label, min);
    public static RuntimeText FieldAboveMaximum(string label, decimal max) => Catalog.Text(nameof(FieldAboveMaximum), label, max);
    public static RuntimeText FieldNotBoolean(string label) => Catalog.Text(nameof(FieldNotBoolean), label);
    public static RuntimeText FieldNotOption(string label, string options) => Catalog.Text(nameof(FieldNotOption), label, options);
    public static RuntimeText FieldNotOptionList(string label, string options) => Catalog.Text(nameof(FieldNotOptionList), label, options);
    public static RuntimeText FieldNotDate(string label) => Catalog.Text(nameof(FieldNotDate), label);
    public static RuntimeText FieldNotLineList(string label) => Catalog.Text(nameof(FieldNotLineList), label);
    public static RuntimeText FieldTooFewLines(string label, decimal fewest) => Catalog.Text(nameof(FieldTooFewLines), label, fewest);
    public static RuntimeText FieldTooManyLines(string label, decimal most) => Catalog.Text(nameof(FieldTooManyLines), label, most);
    public static RuntimeText FieldNotText(string label) => Catalog.Text(nameof(FieldNotText), label);
    public static RuntimeText FieldTooShort(string label, int shortest) => Catalog.Text(nameof(FieldTooShort), label, shortest);
    public static RuntimeText FieldTooLong(string label, int longest) => Catalog.Text(nameof(FieldTooLong), label, longest);
    public static RuntimeText FieldPatternMismatch(string label) => Catalog.Text(nameof(FieldPatternMismatch), label);
    public static RuntimeText LineNotObject() => Catalog.Text(nameof(LineNotObject));

    // Supervision
    public static RuntimeText RangeNotForward() => Catalog.Text(nameof(RangeNotForward));
    public static RuntimeText RangeTooLong(int days) => Catalog.Text(nameof(RangeTooLong), days);
    // Tasks
    public static RuntimeText TaskNotFound(long taskId) => Catalog.Text(nameof(TaskNotFound), taskId);
    // End of messages.
}
