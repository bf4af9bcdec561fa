using G2G.Engine.Execution;

namespace G2G.Runtime.Instances;

/// <summary>Reads an instance's stored engine state (<c>process_instances.state</c>) for the runtime.</summary>
internal static class StoredState
{
    /// <summary>
    /// The state of instance <paramref name="instanceId"/>. State a newer release stored, in a format this one does not read,
    /// is refused as a conflict naming both formats, and nothing is changed (docs/operations.md, "Changing the stored format").
    /// </summary>
    public static ProcessState Read(long instanceId, string json)
    {
        try
        {
            return ProcessStateJson.Deserialize(json);
        }
        catch (StateFormatException exception)
        {
            throw new RuntimeException(RuntimeErrorCode.Conflict,
                RuntimeMessages.StateFormatTooNew(instanceId, exception.Format, ProcessStateJson.CurrentFormat), inner: exception);
        }
    }
}
