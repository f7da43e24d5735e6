/** Pictures of the fleet: Mermaid source, a standalone SVG and an HTML page. */
export { clusterNodeId, fleetMermaid, HUB_NODE_ID, MERMAID_DETAIL_MAX_CLUSTERS, MERMAID_MAX_CHARS, type FleetMermaidOptions } from './mermaid';
export { fleetSvg } from './svg';
export { fleetHtml } from './html';
export { GRAPH_FILES, GRAPH_FORMATS, graphFiles, GraphFolderError, isGraphFormat, writeGraph, type GraphFormat, type GraphWriteResult } from './files';
