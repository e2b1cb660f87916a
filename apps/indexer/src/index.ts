export {
  type Indexer,
  IndexerError,
  ponderRoot,
  type StartIndexerParameters,
  startIndexer,
} from "./start.ts";
