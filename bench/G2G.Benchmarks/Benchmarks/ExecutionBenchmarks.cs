using BenchmarkDotNet.Attributes;
using G2G.Benchmarks.Models;
using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model;

namespace G2G.Benchmarks.Benchmarks;

/// <summary>
/// One approval-5 instance from start to end in memory (6 commands), and the same run with the
/// state stored as JSON between commands, which is what the runtime pays per command.
/// </summary>
[MemoryDiagnoser]
public class ApprovalBenchmarks
{
    private readonly ProcessExecutor _executor = new();
    private ProcessDefinition _definition = null!;
    private Dictionary<string, Value> _variables = null!;

    [GlobalSetup]
    public void Setup()
    {
        _definition = BenchModels.Load(BenchModels.Approval5Xml());
        _variables = BenchModels.ApprovalVariables(1);
        Drive.ExpectCompleted(FiveStepApprovalFullRun().State, "approval-5");
        Drive.ExpectCompleted(FiveStepApprovalFullRunWithStateJson(), "approval-5 through JSON");
    }

    [Benchmark(Baseline = true)]
    public ExecutionResult FiveStepApprovalFullRun() => Drive.LinearToEnd(_executor, _definition, _variables, 5);

    [Benchmark]
    public ProcessState FiveStepApprovalFullRunWithStateJson() => Drive.LinearToEndThroughJson(_executor, _definition, _variables, 5);
}

/// <summary>
/// A parallel multi-instance user task (会签) over 1,000 approvers: start (1,000 tasks created), then
/// complete all 1,000, one command each. The 100-approver run is the baseline, so the ratio column
/// shows how the cost grows with the number of open tasks (10× the tasks).
/// </summary>
[MemoryDiagnoser]
public class MultiInstanceBenchmarks
{
    private readonly ProcessExecutor _executor = new();
    private ProcessDefinition _definition = null!;
    private Dictionary<string, Value> _hundred = null!;
    private Dictionary<string, Value> _thousand = null!;

    [GlobalSetup]
    public void Setup()
    {
        _definition = BenchModels.Load(BenchModels.CountersignXml());
        _hundred = BenchModels.CountersignVariables(100);
        _thousand = BenchModels.CountersignVariables(1000);
        Drive.ExpectCompleted(ParallelMultiInstance100().State, "countersign over 100");
        var result = _executor.Execute(_definition, ProcessState.Empty, new StartProcess(_thousand), BenchModels.Now);
        if (Drive.CreatedTasks(result.Effects).Length != 1000)
            throw new InvalidOperationException("The countersign did not create 1,000 tasks.");
        Drive.ExpectCompleted(ParallelMultiInstance1000().State, "countersign over 1,000");
    }

    [Benchmark(Baseline = true)]
    public ExecutionResult ParallelMultiInstance100() => Drive.CountersignToEnd(_executor, _definition, _hundred);

    [Benchmark]
    public ExecutionResult ParallelMultiInstance1000() => Drive.CountersignToEnd(_executor, _definition, _thousand);
}

/// <summary>
/// 10,000 already-started approval-5 instances, each advanced one step (its first task completed).
/// The started states are immutable, so every invocation advances the same 10,000 states. The JSON
/// variant reads each state from its stored JSON and stores the new one, as the runtime does.
/// </summary>
[MemoryDiagnoser]
public class AdvanceBenchmarks
{
    private const int Instances = 10_000;
    private readonly ProcessExecutor _executor = new();
    private ProcessDefinition _definition = null!;
    private ProcessState[] _states = null!;
    private byte[][] _stored = null!;
    private CompleteTask[] _commands = null!;

    [GlobalSetup]
    public void Setup()
    {
        _definition = BenchModels.Load(BenchModels.Approval5Xml());
        _states = new ProcessState[Instances];
        _stored = new byte[Instances][];
        _commands = new CompleteTask[Instances];
        for (var i = 0; i < Instances; i++)
        {
            var started = _executor.Execute(_definition, ProcessState.Empty, new StartProcess(BenchModels.ApprovalVariables(i)), BenchModels.Now);
            _states[i] = started.State;
            _stored[i] = ProcessStateJson.SerializeToUtf8(started.State);
            _commands[i] = new CompleteTask(Drive.CreatedTask(started.Effects), null, "approve");
        }
    }

    [Benchmark(Baseline = true)]
    public int AdvanceTenThousandInstances()
    {
        var effects = 0;
        for (var i = 0; i < Instances; i++)
            effects += _executor.Execute(_definition, _states[i], _commands[i], BenchModels.Now).Effects.Count;
        return effects;
    }

    [Benchmark]
    public long AdvanceTenThousandInstancesWithStateJson()
    {
        long bytes = 0;
        for (var i = 0; i < Instances; i++)
        {
            var state = ProcessStateJson.Deserialize(_stored[i]);
            var result = _executor.Execute(_definition, state, _commands[i], BenchModels.Now);
            bytes += ProcessStateJson.SerializeToUtf8(result.State).Length;
        }
        return bytes;
    }
}
