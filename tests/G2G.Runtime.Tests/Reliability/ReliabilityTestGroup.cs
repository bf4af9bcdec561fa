namespace G2G.Runtime.Tests.Reliability;

/// <summary>
/// The multi-process reliability tests load both cores of the machine: they run one at a time and not beside other
/// test classes (xunit runs a collection with parallelization disabled after the parallel ones).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityTestGroup
{
    public const string Name = "Reliability: several runtime processes on one PostgreSQL database";
}
