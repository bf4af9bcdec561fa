using System.Xml;
using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using G2G.Benchmarks.Models;
using G2G.Engine.Model;
using G2G.Engine.Parsing;

namespace G2G.Benchmarks.Benchmarks;

/// <summary>
/// Deployment cost: parse and validate the generated 200-element government flow (target &lt; 5 ms),
/// against the floor of loading the same XML into an XDocument with line information, which the
/// parser does first.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private string _xml = "";

    [GlobalSetup]
    public void Setup()
    {
        _xml = BenchModels.Generated200Xml();
        var document = BpmnParser.Parse(_xml);
        if (document.HasErrors)
            throw new InvalidOperationException(string.Join(Environment.NewLine, document.Diagnostics));
    }

    /// <summary>What BpmnParser does before reading the model: the same reader settings and line info.</summary>
    [Benchmark(Baseline = true)]
    public XDocument XDocumentLoad200()
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(_xml), settings);
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
    }

    [Benchmark]
    public BpmnDocument ParseAndValidate200() => BpmnParser.Parse(_xml);
}
