// Policies page: not built yet.
export default function Policies(_props: { id?: number }) {
  return <h1>Policies</h1>;
}
