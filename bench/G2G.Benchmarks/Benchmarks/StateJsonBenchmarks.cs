using BenchmarkDotNet.Attributes;
using G2G.Benchmarks.Models;
using G2G.Engine.Execution;
using G2G.Engine.Model;

namespace G2G.Benchmarks.Benchmarks;

/// <summary>
/// The JSON round trip of an instance state (<see cref="ProcessStateJson"/>), which the runtime pays
/// on every command, next to the command itself (baseline: completing one task of that state).
/// States: approval-5 waiting at its second step; the 1,000-approver countersign with every task open.
/// </summary>
[MemoryDiagnoser]
public class StateJsonBenchmarks
{
    private readonly ProcessExecutor _executor = new();
    private ProcessDefinition _definition = null!;
    private ProcessState _state = null!;
    private byte[] _json = [];
    private CompleteTask _command = null!;

    [Params("approval-5", "countersign-1000")]
    public string State { get; set; } = "approval-5";

    [GlobalSetup]
    public void Setup()
    {
        ExecutionResult result;
        if (State == "approval-5")
        {
            _definition = BenchModels.Load(BenchModels.Approval5Xml());
            result = _executor.Execute(_definition, ProcessState.Empty, new StartProcess(BenchModels.ApprovalVariables(1)), BenchModels.Now);
            result = _executor.Execute(_definition, result.State, new CompleteTask(Drive.CreatedTask(result.Effects), null, "approve"), BenchModels.Now);
        }
        else
        {
            _definition = BenchModels.Load(BenchModels.CountersignXml());
            result = _executor.Execute(_definition, ProcessState.Empty, new StartProcess(BenchModels.CountersignVariables(1000)), BenchModels.Now);
        }
        _state = result.State;
        _command = new CompleteTask(Drive.CreatedTasks(result.Effects)[0], null, "approve");
        _json = ProcessStateJson.SerializeToUtf8(_state);
    }

    [Benchmark(Baseline = true)]
    public ExecutionResult CompleteOneTask() => _executor.Execute(_definition, _state, _command, BenchModels.Now);

    [Benchmark]
    public byte[] SerializeState() => ProcessStateJson.SerializeToUtf8(_state);

    [Benchmark]
    public ProcessState DeserializeState() => ProcessStateJson.Deserialize(_json);

    [Benchmark]
    public ProcessState StateJsonRoundTrip() => ProcessStateJson.Deserialize(ProcessStateJson.SerializeToUtf8(_state));
}
