// Curator page: not built yet.
export default function Curator(_props: { id?: number }) {
  return <h1>Curator</h1>;
}
