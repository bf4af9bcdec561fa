namespace G2G.Engine.Tests.Parsing;

/// <summary>Builds small BPMN documents around a process body for parser and validator tests.</summary>
internal static class Bpmn
{
    public static string Process(string body, string extraDefinitions = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="defs" targetNamespace="urn:test">
          {extraDefinitions}
          <bpmn:process id="p" isExecutable="true">
        {body}
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>start → (body node "x") → end, where the caller supplies node x.</summary>
    public static string Around(string node, string extraDefinitions = "") => Process($"""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="x" />
            {node}
            <bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="end" />
            <bpmn:endEvent id="end" />
        """, extraDefinitions);
}
